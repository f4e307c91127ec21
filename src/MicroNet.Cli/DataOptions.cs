using System.CommandLine;
using MicroNet.Data;

namespace MicroNet.Cli;

/// <summary>The options that <c>predict</c> and <c>evaluate</c> share: the model file, the CSV file and what to do with missing values.</summary>
internal static class DataOptions
{
    public static Option<string> Model() => new("--model")
    {
        Description = "The model file, as written by 'micronet train --out' (JSON, see docs/model-format.md).",
        HelpName = "file",
        Required = true,
    };

    public static Option<string> Csv(string description) => new("--csv")
    {
        Description = description,
        HelpName = "file",
        Required = true,
    };

    public static Option<MissingValuePolicy?> Missing() => CliOptions.Choice(
        "--missing",
        "What to do with a row that has a missing value (empty, NA, NaN, null, ? or .) in a column the model uses: "
            + "error (stop, naming the line and column) or drop (leave the row out and say how many were). [default: error]",
        MissingValuePolicyExtensions.Names);
}
