using System.CommandLine;
using MicroNet.Data;

namespace MicroNet.Cli;

/// <summary>The options that <c>predict</c> and <c>evaluate</c> share: the model file, the CSV file and what to do with missing values.</summary>
internal static class DataOptions
{
    public static Option<string> Model() =>
        CliOptions.Path("--model", "The model file, as written by 'micronet train --out' (JSON, see docs/model-format.md).", required: true);

    public static Option<string> Csv(string description) => CliOptions.Path("--csv", description, required: true);

    public static Option<MissingValuePolicy?> Missing() => CliOptions.Choice(
        "--missing",
        "What to do with a row that has a missing value (empty, NA, NaN, null, ? or .) in a column the model uses: "
            + "error (stop, naming the line and column) or drop (leave the row out and say how many were). [default: error]",
        MissingValuePolicyExtensions.Names);
}
