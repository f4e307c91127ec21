using MicroNet.Playground.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MicroNet.Playground.Http;

/// <summary>
/// Every failed request is answered with a status code and <c>{"error": "one sentence"}</c>, never a stack trace:
/// <see cref="RequestException"/>s with their own status and message, requests Kestrel could not read (too large,
/// cut off) with theirs, unknown paths and methods with a sentence naming them, and anything else with a 500 whose
/// details go to the server's log.
/// </summary>
internal static partial class ErrorHandling
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            await next(context).ConfigureAwait(false);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentType is null)
            {
                string path = UserText.Quote(context.Request.Path.Value ?? "/");
                await WriteAsync(context, context.Response.StatusCode, context.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => $"There is no page or API at '{path}'.",
                    StatusCodes.Status405MethodNotAllowed => $"'{path}' does not take {context.Request.Method} requests.",
                    _ => "The request could not be answered.",
                }).ConfigureAwait(false);
            }
        }
        catch (RequestException e)
        {
            await WriteAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is larger than the playground takes ({PlaygroundLimits.MaxRequestBytes >> 20} MiB)."
                : "The request could not be read; it was cut off or malformed.").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page went away; nobody is left to answer.
        }
#pragma warning disable CA1031 // The last line of defence: one sentence to the page, the details to the log.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailure(logger, context.Request.Method, context.Request.Path.Value ?? "/", e);
            await WriteAsync(context, StatusCodes.Status500InternalServerError,
                "The playground failed on this request; the server's log has the details.").ConfigureAwait(false);
        }
    }

    /// <summary>Writes <c>{"error": message}</c> with <paramref name="status"/>, unless the response has begun (a stream of events).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        byte[] body = JsonOutput.ToBytes(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        });
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The playground failed on {Method} {Path}.")]
    private static partial void LogFailure(ILogger logger, string method, string path, Exception exception);
}
