using System.Globalization;
using System.Text.Json;
using MicroNet.Models;
using MicroNet.Onnx;
using MicroNet.Playground.Runs;
using MicroNet.Playground.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace MicroNet.Playground.Http;

/// <summary>
/// The playground's HTTP API: JSON in, JSON out, frames as Server-Sent Events. docs/playground.md describes each route.
/// Handlers check their input and hand the work to the session's loop; none trains.
/// </summary>
internal sealed class Endpoints(SessionStore sessions, StaticAssets assets, PlaygroundOptions options, bool graphviz, CancellationToken stopping)
{
    /// <summary>How long an event stream stays silent before it sends a comment, so that proxies and the page know it is alive.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private const int MaxStateChars = 200_000;
    private const int MaxNameChars = 200;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/options", Options);
        app.MapPost("/api/sessions", CreateSession);
        app.MapGet("/api/sessions/{id}", Snapshot);
        app.MapDelete("/api/sessions/{id}", Close);
        app.MapPost("/api/sessions/{id}/close", Close);
        app.MapPut("/api/sessions/{id}/state", ReplaceState);
        app.MapPost("/api/sessions/{id}/control", Control);
        app.MapGet("/api/sessions/{id}/events", Events);
        app.MapGet("/api/sessions/{id}/graph", Graph);
        app.MapPost("/api/sessions/{id}/csv", UseCsv);
        app.MapGet("/api/sessions/{id}/model.json", ModelJson);
        app.MapGet("/api/sessions/{id}/model.onnx", ModelOnnx);
        app.MapPost("/api/csv/columns", CsvColumns);
        app.MapGet("/favicon.ico", context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        foreach (string path in assets.Paths.Append("/"))
        {
            app.MapGet(path, context => assets.ServeAsync(context, path));
        }
    }

    private Task Options(HttpContext context) => WriteJsonAsync(context, StatusCodes.Status200OK, w => RunSnapshot.WriteOptions(w, graphviz));

    private async Task CreateSession(HttpContext context)
    {
        JsonRequest body = await JsonRequest.ReadAsync(context.Request).ConfigureAwait(false);
        PlaygroundState state = PlaygroundState.Parse(body.String("state", MaxStateChars));
        Session session = sessions.Create(state);
        byte[] snapshot = await session.CallAsync(c => JsonOutput.ToBytes(w => RunSnapshot.Write(w, session.Id, c.Run, c.Frame))).ConfigureAwait(false);
        await WriteBytesAsync(context, StatusCodes.Status201Created, snapshot).ConfigureAwait(false);
    }

    private async Task Snapshot(HttpContext context)
    {
        Session session = Session(context);
        await WriteBytesAsync(context, StatusCodes.Status200OK, await SnapshotAsync(session).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task Close(HttpContext context)
    {
        await sessions.CloseAsync(Session(context).Id).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task ReplaceState(HttpContext context)
    {
        Session session = Session(context);
        JsonRequest body = await JsonRequest.ReadAsync(context.Request).ConfigureAwait(false);
        PlaygroundState state = PlaygroundState.Parse(body.String("state", MaxStateChars));
        await session.CallAsync(c =>
        {
            c.Replace(state);
            return 0;
        }).ConfigureAwait(false);
        await WriteBytesAsync(context, StatusCodes.Status200OK, await SnapshotAsync(session).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task Control(HttpContext context)
    {
        Session session = Session(context);
        JsonRequest body = await JsonRequest.ReadAsync(context.Request).ConfigureAwait(false);
        string action = body.String("action", MaxNameChars);
        Action<Session.SessionControl> command = action switch
        {
            "play" => c => c.Play(),
            "pause" => c => c.Pause(),
            "step" => c => c.Step(),
            "reset" => c => c.Reset(),
            _ => throw new RequestException($"The action '{UserText.Quote(action)}' is not one of play, pause, step or reset."),
        };
        (bool playing, int epoch) = await session.CallAsync(c =>
        {
            command(c);
            return (c.Playing, c.Run.Session.Epoch);
        }).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("playing", playing);
            w.WriteNumber("epoch", epoch);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // Server-Sent Events: one 'frame' event per frame the session publishes (skipping those a slow page missed, but
    // never their loss points), a comment every KeepAlive while nothing happens, until the page or the server goes.
    private async Task Events(HttpContext context)
    {
        Session session = Session(context);
        HttpResponse response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        CancellationToken token = stop.Token;
        session.AddListener();
        try
        {
            await response.WriteAsync("retry: 2000\n\n", token).ConfigureAwait(false);
            await response.Body.FlushAsync(token).ConfigureAwait(false);
            long version = 0;
            int run = -1, sent = 0;
            while (!token.IsCancellationRequested)
            {
                Frame frame;
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(token))
                {
                    wait.CancelAfter(KeepAlive);
                    try
                    {
                        frame = await session.Frames.NextAsync(version, wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (wait.IsCancellationRequested && !token.IsCancellationRequested && session.Frames.Latest is not null)
                    {
                        await response.WriteAsync(": keep-alive\n\n", token).ConfigureAwait(false);
                        await response.Body.FlushAsync(token).ConfigureAwait(false);
                        continue;
                    }
                }
                byte[] json = JsonOutput.ToBytes(w => frame.WriteTo(w, frame.RunId == run ? sent : 0));
                await response.Body.WriteAsync("event: frame\ndata: "u8.ToArray(), token).ConfigureAwait(false);
                await response.Body.WriteAsync(json, token).ConfigureAwait(false);
                await response.Body.WriteAsync("\n\n"u8.ToArray(), token).ConfigureAwait(false);
                await response.Body.FlushAsync(token).ConfigureAwait(false);
                (version, run, sent) = (frame.Version, frame.RunId, frame.HistoryCount);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed the stream, the session closed, or the server is stopping.
        }
        finally
        {
            session.RemoveListener();
        }
    }

    private async Task Graph(HttpContext context)
    {
        Session session = Session(context);
        IQueryCollection query = context.Request.Query;
        int layer = QueryInteger(query, "layer"), neuron = QueryInteger(query, "neuron"), point = QueryInteger(query, "point");
        string form = query["form"].ToString() is { Length: > 0 } f ? f : "expanded";
        if (form is not ("expanded" or "fused"))
        {
            throw new RequestException($"The parameter 'form' is '{UserText.Quote(form)}'; it must be expanded or fused.");
        }
        (GraphInspection graph, byte[] pointJson, int epoch) = await session.CallAsync(c =>
        {
            GraphInspection g = GraphInspection.Build(c.Run, layer, neuron, point, form == "expanded");
            return (g, JsonOutput.ToBytes(w => WritePoint(w, c.Run, point)), c.Run.Session.Epoch);
        }).ConfigureAwait(false);
        // Graphviz runs off the session's loop: the graph is a copy, and training goes on meanwhile.
        (string? svg, string? problem) = await Task.Run(() => graph.RenderSvg(options.DotExecutable), context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", epoch);
            w.WriteNumber("layer", layer);
            w.WriteNumber("neuron", neuron);
            w.WritePropertyName("point");
            w.WriteRawValue(pointJson);
            graph.WriteTo(w);
            w.WriteString("svg", svg);
            w.WriteString("graphviz", problem);
            w.WriteString("dot", graph.ToDot());
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task CsvColumns(HttpContext context)
    {
        JsonRequest body = await JsonRequest.ReadAsync(context.Request).ConfigureAwait(false);
        var table = CsvUpload.Read(body.String("file", MaxNameChars), body.String("text", PlaygroundLimits.MaxCsvChars + 1));
        await WriteJsonAsync(context, StatusCodes.Status200OK, w => CsvUpload.WriteColumns(w, table)).ConfigureAwait(false);
    }

    // Replaces the session's data by the file's points; the network and training settings stay, edits and the loss go.
    private async Task UseCsv(HttpContext context)
    {
        Session session = Session(context);
        JsonRequest body = await JsonRequest.ReadAsync(context.Request).ConfigureAwait(false);
        var table = CsvUpload.Read(body.String("file", MaxNameChars), body.String("text", PlaygroundLimits.MaxCsvChars + 1));
        UploadedPoints points = CsvUpload.ToPoints(table, body.String("x", MaxNameChars), body.String("y", MaxNameChars),
            body.String("label", MaxNameChars), body.Boolean("dropMissing", false));
        await session.CallAsync(c =>
        {
            c.Replace(c.Run.State with { Dataset = DatasetChoice.Csv, Upload = points, Added = [], Removed = [], Loss = null });
            return 0;
        }).ConfigureAwait(false);
        await WriteBytesAsync(context, StatusCodes.Status200OK, await SnapshotAsync(session).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task ModelJson(HttpContext context)
    {
        Session session = Session(context);
        (byte[] bytes, string name) = await session.CallAsync(c => (ModelFile.ToBytes(ToModel(c.Run)), FileName(c.Run, "json"))).ConfigureAwait(false);
        await WriteFileAsync(context, bytes, "application/json", name).ConfigureAwait(false);
    }

    private async Task ModelOnnx(HttpContext context)
    {
        Session session = Session(context);
        (byte[] bytes, string name) = await session.CallAsync(c =>
        {
            try
            {
                return (OnnxExport.ToBytes(ToModel(c.Run)), FileName(c.Run, "onnx"));
            }
            catch (OnnxExportException e)
            {
                throw new RequestException(e.Message, e);
            }
        }).ConfigureAwait(false);
        await WriteFileAsync(context, bytes, "application/octet-stream", name).ConfigureAwait(false);
    }

    private static Model ToModel(PlaygroundRun run)
    {
        try
        {
            return run.ToModel();
        }
        catch (ArgumentException e)
        {
            throw new RequestException($"The model cannot be saved: {e.Message}", e);
        }
    }

    private static string FileName(PlaygroundRun run, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"micronet-{run.State.Dataset}-epoch{run.Session.Epoch}.{extension}");

    private Session Session(HttpContext context) => sessions.Get(context.Request.RouteValues["id"] as string);

    private static Task<byte[]> SnapshotAsync(Session session) =>
        session.CallAsync(c => JsonOutput.ToBytes(w => RunSnapshot.Write(w, session.Id, c.Run, c.Frame)));

    private static void WritePoint(Utf8JsonWriter writer, PlaygroundRun run, int point)
    {
        writer.WriteStartObject();
        writer.WriteNumber("index", point);
        JsonOutput.Number(writer, "x", run.Points.X[point]);
        JsonOutput.Number(writer, "y", run.Points.Y[point]);
        JsonOutput.Number(writer, "label", run.Points.Labels[point]);
        writer.WriteBoolean("test", run.IsTest[point]);
        double[] raw = InputFeature.Row(run.State.Features, run.Points.X[point], run.Points.Y[point]);
        double[] standardized = run.Run.Data.Standardizer.Transform(raw);
        writer.WriteStartArray("inputs");
        for (int j = 0; j < raw.Length; j++)
        {
            writer.WriteStartObject();
            writer.WriteString("name", run.Run.Data.Schema.FeatureNames[j]);
            JsonOutput.Number(writer, "raw", raw[j]);
            JsonOutput.Number(writer, "standardized", standardized[j]);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static int QueryInteger(IQueryCollection query, string name)
    {
        string text = query[name].ToString();
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new RequestException($"The parameter '{name}' is '{UserText.Quote(text)}'; it must be a whole number.");
    }

    private static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write) =>
        WriteBytesAsync(context, status, JsonOutput.ToBytes(write));

    private static async Task WriteBytesAsync(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteFileAsync(HttpContext context, byte[] bytes, string contentType, string fileName)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
