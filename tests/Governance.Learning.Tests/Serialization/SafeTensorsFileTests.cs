using System.Text;
using Governance.Learning.Serialization;

namespace Governance.Learning.Tests.Serialization;

public class SafeTensorsFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "st-" + Guid.NewGuid().ToString("N") + ".safetensors");

    public void Dispose()
    {
        File.Delete(_path);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Round_trips_tensors_and_metadata_in_the_documented_layout()
    {
        SafeTensorsFile.Write(_path, [new SafeTensor("a.weight", [2, 3], [1, 2, 3, 4, 5, 6]), new SafeTensor("b", [1], [-7.5f])],
            new Dictionary<string, string> { ["format"] = "pt" });
        var bytes = File.ReadAllBytes(_path);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 7 * 4, bytes.Length);
        Assert.Contains("\"data_offsets\":[0,24]", Encoding.UTF8.GetString(bytes, 8, headerLength));
        var (tensors, metadata) = SafeTensorsFile.Read(_path);
        Assert.Equal([2, 3], tensors["a.weight"].Shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], tensors["a.weight"].Data);
        Assert.Equal([-7.5f], tensors["b"].Data);
        Assert.Equal("pt", metadata["format"]);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("huge-header")]
    [InlineData("bad-json")]
    [InlineData("bad-offsets")]
    [InlineData("bad-dtype")]
    public void Malformed_files_throw_InvalidDataException_naming_the_problem(string kind)
    {
        byte[] File(string json, int dataBytes)
        {
            var h = Encoding.UTF8.GetBytes(json);
            return [.. BitConverter.GetBytes((ulong)h.Length), .. h, .. new byte[dataBytes]];
        }
        var bytes = kind switch
        {
            "short" => new byte[3],
            "huge-header" => [.. BitConverter.GetBytes(1UL << 40), .. new byte[16]],
            "bad-json" => File("{not json", 0),
            "bad-offsets" => File("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,12]}}", 16),
            _ => File("{\"w\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8),
        };
        System.IO.File.WriteAllBytes(_path, bytes);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(_path));
        Assert.Contains(_path, ex.Message);
    }
}
