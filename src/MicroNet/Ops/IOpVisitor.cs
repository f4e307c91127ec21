namespace MicroNet.Ops;

/// <summary>Something built for one op, given the op's definition as a type argument (see <see cref="OpTable.Visit{TResult}"/>).</summary>
internal interface IOpVisitor<out TResult>
{
    /// <summary>The result for the op <typeparamref name="TOp"/>.</summary>
    TResult Visit<TOp>()
        where TOp : struct, IOp;
}
