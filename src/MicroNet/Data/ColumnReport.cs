namespace MicroNet.Data;

/// <summary>What a loader decided a table's column is for.</summary>
public enum ColumnRole
{
    /// <summary>A number, used as one feature.</summary>
    Numeric,

    /// <summary>A category, one-hot encoded.</summary>
    Categorical,

    /// <summary>A date, turned into numbers.</summary>
    Date,

    /// <summary>Left out: nearly every row has its own value (a name, a ticket, a row number), so it cannot generalise.</summary>
    Identifier,

    /// <summary>Left out: every row has the same value.</summary>
    Constant,

    /// <summary>Left out because the user said so.</summary>
    Ignored,

    /// <summary>The column to predict.</summary>
    Target,
}

/// <summary>Names a <see cref="ColumnRole"/>.</summary>
public static class ColumnRoleExtensions
{
    /// <summary>The names the schema table prints: <c>numeric</c>, <c>categorical</c>, <c>date</c>, <c>identifier</c>, <c>constant</c>, <c>ignored</c>, <c>target</c>.</summary>
    public static NameTable<ColumnRole> Names { get; } = new("column role",
        (ColumnRole.Numeric, "numeric"), (ColumnRole.Categorical, "categorical"), (ColumnRole.Date, "date"), (ColumnRole.Identifier, "identifier"),
        (ColumnRole.Constant, "constant"), (ColumnRole.Ignored, "ignored"), (ColumnRole.Target, "target"));

    /// <summary>Whether the column is left out of the features (an identifier, a constant, or ignored by request).</summary>
    public static bool IsLeftOut(this ColumnRole role) => role is ColumnRole.Identifier or ColumnRole.Constant or ColumnRole.Ignored;
}

/// <summary>One line of a table's schema: a column, the role given to it, its distinct and missing cells, and why.</summary>
/// <param name="Name">The column's name in the header.</param>
/// <param name="Role">What it is used for.</param>
/// <param name="Distinct">How many distinct non-missing values it has in the rows read.</param>
/// <param name="Missing">How many of its cells are missing.</param>
/// <param name="Features">How many features it gives (0 for a column left out or the target).</param>
/// <param name="Reason">Why it got its role, in a few words: <c>all 150 cells are numbers</c>, <c>891 of 891 values are distinct</c>, <c>--ignore</c>.</param>
public sealed record ColumnReport(string Name, ColumnRole Role, int Distinct, int Missing, int Features, string Reason);
