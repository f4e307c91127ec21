using System.CommandLine;
using System.Globalization;
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
        "What to do with a row that has a missing value (empty, NA, NaN, null, ? or .) in a column used: error (stop, naming the line and "
            + "column), drop (leave the row out and say how many were) or impute (fill it with the training rows' mean or most frequent category). [default: error]",
        MissingValuePolicyExtensions.Names);

    public static Option<char?> Separator() => new("--separator")
    {
        Description = "The character between cells: , ; | tab (\\t or tab) or space (runs of spaces). [default: detected from the header]",
        HelpName = "char",
        CustomParser = result => CliOptions.Parse<char?>(result, "one of , ; | tab space", (string text, out char? value) =>
            (value = text switch
            {
                "," or ";" or "|" => text[0],
                "\\t" or "tab" or "\t" => '\t',
                " " or "space" => ' ',
                _ => null,
            }) is not null),
    };

    public static Option<int?> SkipRows() => new("--skip-rows")
    {
        Description = "Lines above the header to skip. [default: a count line above the header, as in scikit-learn's files, is skipped by itself]",
        HelpName = "n",
        CustomParser = result => CliOptions.Parse<int?>(result, "a whole number, 0 or more", (string text, out int? value) =>
            (value = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null) is not null),
    };

    public static Option<UnknownCategoryPolicy?> Unknown() => CliOptions.Choice(
        "--unknown",
        "What a category the model never saw becomes: zeros (the (other) feature if the column has one, else all zeros; counted at the end) "
            + "or error (stop, naming the line). [default: zeros]",
        UnknownCategoryPolicyExtensions.Names);
}
