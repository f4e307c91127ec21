namespace MicroNet.Data;

/// <summary>How an input column becomes features.</summary>
public enum ColumnKind
{
    /// <summary>Every cell is a number, used as it is: one feature.</summary>
    Numeric,

    /// <summary>Cells are category names, one-hot encoded: one feature per category, 1 for the cell's category and 0 for the others.</summary>
    Categorical,
}
