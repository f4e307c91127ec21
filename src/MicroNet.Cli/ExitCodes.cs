namespace MicroNet.Cli;

/// <summary>What <c>micronet</c> returns to the shell.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed while running: Graphviz missing or failing, a file that cannot be written.</summary>
    public const int RuntimeFailure = 1;

    /// <summary>
    /// The input is wrong: an unknown option, a bad number, a value out of range, or an input file (CSV, model) that
    /// is missing, empty or malformed.
    /// </summary>
    public const int UsageError = 2;
}
