using System.Text.RegularExpressions;

namespace MicroNet.Tests.Docs;

/// <summary>
/// Every C# program in the README and docs (a <c>```csharp</c> block; API listings use <c>```cs</c>) is kept as a
/// file-based app in docs/snippets, which CI runs (.ci/snippets): so each snippet compiles and runs as written. These
/// tests keep the two copies equal, in both directions.
/// </summary>
public static partial class DocumentationSnippetTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "docs");

    public static TheoryData<string> Blocks() => [.. MarkdownBlocks().Select(b => b.Where)];

    [Theory]
    [MemberData(nameof(Blocks))]
    public static void CsharpBlock_IsASnippetFileWordForWord(string where)
    {
        string code = MarkdownBlocks().Single(b => b.Where == where).Code;

        Assert.True(SnippetBodies().ContainsValue(code),
            $"The C# block at {where} is not the body of any docs/snippets/*.cs file; add it there (with its #: directives) or update the file it came from.");
    }

    [Fact]
    public static void EverySnippetFile_IsShownInTheDocs()
    {
        HashSet<string> shown = [.. MarkdownBlocks().Select(b => b.Code)];

        Assert.Empty(SnippetBodies().Where(s => !shown.Contains(s.Value)).Select(s => s.Key));
        Assert.True(SnippetBodies().Count >= 10);
    }

    [Fact]
    public static void SnippetFiles_SayHowToRunThemAndWhatTheyNeed()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "snippets"), "*.cs"))
        {
            string[] lines = File.ReadAllLines(file);
            Assert.Contains(lines, l => l.StartsWith($"// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/{Path.GetFileName(file)}", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("#:project ", StringComparison.Ordinal) || l.StartsWith("#:package ", StringComparison.Ordinal));
        }
    }

    private static IEnumerable<(string Where, string Code)> MarkdownBlocks()
    {
        string[] files = [Path.Combine(Root, "README.md"), .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal)];
        foreach (string file in files)
        {
            string text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (Match block in CsharpBlock().Matches(text))
            {
                int line = text[..block.Index].Count(c => c == '\n') + 1;
                string name = Path.GetFileName(file) == "README.md" && Path.GetDirectoryName(file) == Root ? "README.md" : "docs/" + Path.GetFileName(file);
                yield return ($"{name}:{line}", block.Groups[1].Value);
            }
        }
    }

    // Each snippet file's code: what follows the header comments, the #: directives and one blank line.
    private static Dictionary<string, string> SnippetBodies() => Directory.GetFiles(Path.Combine(Root, "snippets"), "*.cs").ToDictionary(
        file => Path.GetFileName(file),
        file =>
        {
            string text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            int start = text.IndexOf("\n\n", StringComparison.Ordinal);
            return start < 0 ? "" : text[(start + 2)..];
        },
        StringComparer.Ordinal);

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();
}
