using System.Net;
using Microsoft.AspNetCore.Http;

namespace MicroNet.Playground.Http;

/// <summary>
/// Keeps other sites out of a playground that listens on loopback: a request must name a loopback host (a page on the
/// internet that rebinds its domain to 127.0.0.1 sends its own name), and a request that changes something must come
/// from the playground's own page (its <c>Origin</c>, when the browser sends one, is the playground's). The page also
/// gets a content security policy that lets it load nothing from elsewhere.
/// </summary>
internal sealed class SiteGuard(bool loopbackOnly)
{
    private const string Policy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        HttpRequest request = context.Request;
        if (loopbackOnly && !IsLoopbackName(request.Host.Host))
        {
            await ErrorHandling.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"The playground answers requests for 127.0.0.1 or localhost only, not for '{UserText.Quote(request.Host.Host)}'.").ConfigureAwait(false);
            return;
        }
        string origin = request.Headers.Origin.ToString();
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && origin.Length > 0
            && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            await ErrorHandling.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"The playground takes changes from its own page only, not from '{UserText.Quote(origin)}'.").ConfigureAwait(false);
            return;
        }
        context.Response.Headers.ContentSecurityPolicy = Policy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await next(context).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="host"/> (an address or name) is one that only this machine answers to.</summary>
    public static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
}
