namespace MicroNet.Data;

/// <summary>How an input column becomes features.</summary>
public enum ColumnKind
{
    /// <summary>Every cell is a number, used as it is: one feature.</summary>
    Numeric,

    /// <summary>Cells are category names, one-hot encoded: one feature per category, 1 for the cell's category and 0 for the others.</summary>
    Categorical,

    /// <summary>Cells are ISO 8601 dates or date-times, turned into numbers: days since 2000, month and weekday (and hour) as circles.</summary>
    Date,
}

/// <summary>Names a <see cref="ColumnKind"/>.</summary>
public static class ColumnKindExtensions
{
    /// <summary>The names in model files and on the command line: <c>numeric</c>, <c>categorical</c>, <c>date</c>.</summary>
    public static NameTable<ColumnKind> Names { get; } = new("column kind",
        (ColumnKind.Numeric, "numeric"), (ColumnKind.Categorical, "categorical"), (ColumnKind.Date, "date"));
}
