using Microsoft.AspNetCore.Http;

namespace MicroNet.Playground.Http;

/// <summary>
/// A request the playground will not do, with the status code and the one sentence the page shows: 400 for a bad
/// setting or file, 404 for an unknown session, 503 when every session is taken. <see cref="ErrorHandling"/> writes it.
/// </summary>
internal sealed class RequestException : Exception
{
    public RequestException()
        : this("The request is not valid.")
    {
    }

    public RequestException(string message)
        : this(message, StatusCodes.Status400BadRequest)
    {
    }

    public RequestException(string message, Exception innerException)
        : base(message, innerException) => StatusCode = StatusCodes.Status400BadRequest;

    public RequestException(string message, int statusCode, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The HTTP status code of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>A 400 for a setting, naming it and what it takes.</summary>
    public static RequestException BadSetting(string key, string text, string expected) =>
        new($"The setting '{key}' is '{UserText.Quote(text)}'; it must be {expected}.");
}
