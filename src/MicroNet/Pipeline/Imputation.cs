using MicroNet.Data;

namespace MicroNet.Pipeline;

/// <summary>
/// Fills the missing features a loader left as NaN (<c>--missing impute</c>) with values learned on the training rows
/// only: a numeric column's mean, a date column's mean date, a categorical column's most frequent category. The values
/// go into the schema's columns, so that a saved model fills a missing cell at prediction the same way.
/// </summary>
internal static class Imputation
{
    /// <summary>The split with every NaN feature filled, and the schema with the fill values; both unchanged if nothing is missing.</summary>
    public static (DatasetSplit Parts, FeatureSchema Schema) Fill(DatasetSplit parts, FeatureSchema schema)
    {
        Dataset[] all = [parts.Train, parts.Validation, parts.Test];
        if (!all.Any(HasNaN))
        {
            return (parts, schema);
        }
        var columns = new FeatureColumn[schema.Columns.Count];
        int offset = 0;
        for (int c = 0; c < columns.Length; c++)
        {
            FeatureColumn column = schema.Columns[c];
            columns[c] = column.CanFill ? column : Learn(column, parts.Train, offset);
            offset += column.FeatureCount;
        }
        var filled = new FeatureSchema(columns, schema.TargetColumn, schema.Kind, schema.ClassNames, schema.Standardizer, schema.DecimalSeparator);
        return (new DatasetSplit(Apply(parts.Train, filled), Apply(parts.Validation, filled), Apply(parts.Test, filled)), filled);
    }

    private static bool HasNaN(Dataset data) => data.Features.Any(row => row.Any(double.IsNaN));

    private static FeatureColumn Learn(FeatureColumn column, Dataset train, int offset)
    {
        IEnumerable<IReadOnlyList<double>> present = train.Features.Where(row => !double.IsNaN(row[offset]));
        switch (column.Kind)
        {
            case ColumnKind.Numeric:
                return FeatureColumn.Numeric(column.Name, MeanOf(present, offset));
            case ColumnKind.Date:
                return FeatureColumn.Date(column.Name, column.HasTime, MeanOf(present, offset));
            default:
                int count = column.Categories.Count;
                var totals = new double[Math.Max(1, count)];
                foreach (IReadOnlyList<double> row in present)
                {
                    for (int k = 0; k < count; k++)
                    {
                        totals[k] += row[offset + k];
                    }
                }
                int best = Array.IndexOf(totals, totals.Max());
                string fill = count > 0 ? column.Categories[best] : column.OtherCategories[0];
                return FeatureColumn.Categorical(column.Name, column.Categories, column.OtherCategories, fill);
        }
    }

    // The training rows' mean, robust to values near double's range; 0 when no training row has the value.
    private static double MeanOf(IEnumerable<IReadOnlyList<double>> present, int offset)
    {
        double[] values = [.. present.Select(row => row[offset])];
        return values.Length == 0 ? 0 : Standardizer.MeanAndDeviation(values).Mean;
    }

    private static Dataset Apply(Dataset data, FeatureSchema schema)
    {
        if (!HasNaN(data))
        {
            return data;
        }
        var rows = new double[data.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            double[] row = [.. data.Features[i]];
            int offset = 0;
            foreach (FeatureColumn column in schema.Columns)
            {
                Span<double> slice = row.AsSpan(offset, column.FeatureCount);
                if (double.IsNaN(slice[0]))
                {
                    column.TryEncodeFill(schema.DecimalSeparator, slice);
                }
                offset += column.FeatureCount;
            }
            rows[i] = row;
        }
        return Dataset.FromOwnedArrays(rows, [.. data.Targets], data.Kind, data.FeatureNames, data.Kind.IsClassification() ? data.ClassNames : null);
    }
}
