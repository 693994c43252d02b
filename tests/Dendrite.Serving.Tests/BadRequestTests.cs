using System.Net;
using System.Text;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Random;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

/// <summary>Whatever a client sends wrong is answered 4xx with {"error": …}; the server goes on serving.</summary>
public sealed class BadRequestTests : IDisposable
{
    private readonly ServingModels _models = new();

    public void Dispose() => _models.Dispose();

    private static string Row(int width, string value = "1") => "[" + string.Join(',', Enumerable.Repeat(value, width)) + "]";

    public static TheoryData<string, string> ImageBodies() => new()
    {
        { "", "the body is empty" },
        { "not json", "the body is not valid JSON" },
        { "{\"rows\":[" + Row(784), "the body is not valid JSON" },
        { "[1,2,3]", "the body must be a JSON object" },
        { "{}", "the body has no \"rows\" array" },
        { "{\"row\":[]}", "the body has no \"rows\" array" },
        { "{\"rows\":{}}", "\"rows\" must be an array, not an object" },
        { "{\"rows\":[],\"rows\":[]}", "\"rows\" appears twice" },
        { "{\"rows\":[]} {}", "the body is not valid JSON" },
        { "{\"rows\":[" + Row(783) + "]}", "rows[0] has 783 values; this model takes 784 pixel values" },
        { "{\"rows\":[" + Row(784) + "," + Row(785) + "]}", "rows[1] has 785 values" },
        { "{\"rows\":[" + Row(784, "\"7\"") + "]}", "rows[0][0] is a string; expected a number" },
        { "{\"rows\":[" + Row(784, "null") + "]}", "rows[0][0] is null; expected a number" },
        { "{\"rows\":[" + Row(784, "1e39") + "]}", "rows[0][0] is 1e39, beyond float range" },
        { "{\"rows\":[{\"a\":1}]}", "rows[0] is an object; this model takes rows of 784 pixel values" },
        { "{\"rows\":[[" + Row(784) + "]]}", "rows[0][0] is an array; expected a number" },
        { "{\"deep\":" + new string('[', 40) + new string(']', 40) + ",\"rows\":[]}", "the body is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(ImageBodies))]
    public async Task Predict_BadImageRequest_Is400WithAJsonError(string body, string error)
    {
        await using var server = await RunningServer.StartAsync(_models.Image());

        var (status, answer) = await server.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(error, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        await AssertStillServingAsync(server);
    }

    public static TheoryData<string, string> TableBodies() => new()
    {
        { """{"rows":[{"size":1}]}""", "rows[0], column 'city': the model needs this feature column but the row has none" },
        { """{"rows":[{"size":1,"city":"north"},{"city":"north"}]}""", "rows[1], column 'size': the model needs this feature column" },
        { """{"rows":[{"size":"big","city":"north"}]}""", "rows[0], column 'size': 'big' is not a number" },
        { """{"rows":[{"size":1,"city":true}]}""", "rows[0], column 'city' is a boolean; expected a string, a number or null" },
        { """{"rows":[{"size":1,"city":["north"]}]}""", "rows[0], column 'city' is an array" },
        { """{"rows":[{"size":1,"size":2,"city":"north"}]}""", "rows[0] has column 'size' twice" },
        { """{"rows":[[1,2]]}""", "rows[0] is an array; this model takes rows that are objects" },
        { """{"rows":[{"size":1e300,"city":"north"}]}""", "rows[0], column 'size': value 1E+300 is" },
    };

    [Theory]
    [MemberData(nameof(TableBodies))]
    public async Task Predict_BadTableRequest_Is400NamingTheRowAndColumn(string body, string error)
    {
        await using var server = await RunningServer.StartAsync(_models.Table(TaskKind.Regression));

        var (status, answer) = await server.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(error, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task Predict_BodyOverTheLimit_Is413WithAJsonError()
    {
        TrainedModel model = _models.Image();
        float[] pixels = ServingModels.Pixels(new Rng(4), 4);
        string fits = Bodies.ImageRows(pixels, 0, 1);
        await using var server = await RunningServer.StartAsync(model, o => o with { MaxBodyBytes = fits.Length + 10 });

        // Refused by its Content-Length before any of it is read. The client asks before sending (Expect: 100-continue,
        // as curl does for large bodies): a client that sends the whole body regardless may find the connection reset
        // under its answer, since the server does not read an oversized body to the end (seen in a fresh chroot).
        using var content = new StringContent(Bodies.ImageRows(pixels, 0, 4), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = content };
        request.Headers.ExpectContinue = true;
        using HttpResponseMessage response = await server.Client.SendAsync(request);
        JsonElement answer = await RunningServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"limit of {fits.Length + 10} bytes", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(fits)).Status);
    }

    [Fact]
    public async Task Predict_BodyFarOverTheLimit_SentWholeBeforeReading_StillGets413()
    {
        // As Python's http.client and requests do: the whole body first, then the answer. The server refuses by
        // Content-Length at once; Kestrel then reads and discards the rest (up to 4x the limit, 64 MiB more at least),
        // so the client's writes go through and the 413 is there to read, instead of a broken pipe.
        await using var server = await RunningServer.StartAsync(_models.Image(), o => o with { MaxBodyBytes = 1000 });
        byte[] body = Encoding.UTF8.GetBytes("{\"rows\":[" + string.Join(',', Enumerable.Repeat(Row(784), 6000)) + "]}");
        Assert.True(body.Length > 8 << 20, "the body must be far larger than the socket buffers");
        byte[] head = Encoding.ASCII.GetBytes(
            $"POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");

        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.Server.Address.Host, server.Server.Address.Port);
        using var stream = client.GetStream();
        await stream.WriteAsync(head);
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? status = await reader.ReadLineAsync();

        Assert.Equal("HTTP/1.1 413 Payload Too Large", status);
        Assert.Equal("", server.Log);
    }

    [Fact]
    public async Task Predict_ChunkedBodyOverTheLimit_Is413WithAJsonError()
    {
        await using var server = await RunningServer.StartAsync(_models.Image(), o => o with { MaxBodyBytes = 1000 });
        // No Content-Length: the limit is found while the body is read.
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"rows\":[" + Row(784) + "]}")));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using HttpResponseMessage response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        JsonElement answer = await RunningServer.ReadJsonAsync(response);
        Assert.Contains("limit of 1000 bytes", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/predict", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/metadata", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/nothing", HttpStatusCode.NotFound)]
    public async Task UnknownEndpointOrMethod_IsAnsweredWithAJsonErrorListingTheEndpoints(string method, string path, HttpStatusCode expected)
    {
        await using var server = await RunningServer.StartAsync(_models.Image());
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using HttpResponseMessage response = await server.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        JsonElement answer = await RunningServer.ReadJsonAsync(response);
        Assert.Contains("POST /predict, GET /metadata, GET /healthz", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertStillServingAsync(RunningServer server)
    {
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/healthz")).Status);
        Assert.Empty(server.Log);
    }
}
