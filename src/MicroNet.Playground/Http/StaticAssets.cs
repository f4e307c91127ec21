using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace MicroNet.Playground.Http;

/// <summary>
/// The page, its scripts, styles and icon, embedded in this assembly (resources <c>MicroNet.Playground.wwwroot/...</c>)
/// and served from memory with an ETag, so the playground needs no files beside it and nothing from the internet.
/// </summary>
internal sealed class StaticAssets
{
    private const string Prefix = "MicroNet.Playground.wwwroot/";

    private static readonly Dictionary<string, string> s_contentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private readonly Dictionary<string, (byte[] Content, string ContentType, string ETag)> _assets = new(StringComparer.Ordinal);

    public StaticAssets()
    {
        var assembly = typeof(StaticAssets).Assembly;
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] content = copy.ToArray();
            string path = "/" + name[Prefix.Length..].Replace('\\', '/');
            string type = s_contentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            _assets[path] = (content, type, $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
        }
        if (!_assets.ContainsKey("/index.html"))
        {
            throw new InvalidOperationException("The playground's page is missing from its assembly; the build should embed wwwroot/index.html.");
        }
    }

    /// <summary>The URL paths served, such as <c>/index.html</c> and <c>/js/app.js</c>.</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    /// <summary>Answers a GET for <paramref name="path"/> (<c>/</c> is the page); 404 when there is no such asset.</summary>
    public async Task ServeAsync(HttpContext context, string path)
    {
        if (!_assets.TryGetValue(path == "/" ? "/index.html" : path, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        HttpResponse response = context.Response;
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        await response.Body.WriteAsync(asset.Content, context.RequestAborted).ConfigureAwait(false);
    }
}
