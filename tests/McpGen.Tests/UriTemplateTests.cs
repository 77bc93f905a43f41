namespace McpGen.Tests;

public class UriTemplateTests
{
    [Theory]
    [InlineData("test://template/{id}/data", "test://template/123/data", "id=123")]
    [InlineData("file:///{+path}", "file:///a/b/c.txt", "path=a/b/c.txt")]
    [InlineData("users/{id}{?fields,sort}", "users/42?fields=name&sort=asc", "id=42;fields=name;sort=asc")]
    [InlineData("users/{id}{?fields}", "users/42", "id=42")]
    [InlineData("repo/{owner}/{name}", "repo/dotnet/runtime", "owner=dotnet;name=runtime")]
    [InlineData("x://{a}-{b}", "x://left-right", "a=left;b=right")]
    [InlineData("x://item/{id}", "x://item/hello%20world", "id=hello world")]
    [InlineData("x://p{/seg}", "x://p/one", "seg=one")]
    [InlineData("x://f/{name}{.ext}", "x://f/readme.md", "name=readme;ext=md")]
    [InlineData("x://d#{#frag}", "x://d##top", "frag=top")]
    public void Matches_and_extracts(string template, string uri, string expected)
    {
        Assert.True(UriTemplate.Parse(template).TryMatch(uri, out var vars), $"{uri} should match {template}");
        Assert.Equal(expected, string.Join(";", vars.Select(kv => kv.Key + "=" + kv.Value)));
    }

    [Theory]
    [InlineData("test://template/{id}/data", "test://template/123/other")]
    [InlineData("test://template/{id}/data", "test://template//data")]
    [InlineData("repo/{owner}/{name}", "repo/dotnet/runtime/extra")]
    [InlineData("x://item/{id}", "y://item/1")]
    public void Rejects_uris_that_do_not_fit(string template, string uri) =>
        Assert.False(UriTemplate.Parse(template).TryMatch(uri, out _));

    [Theory]
    [InlineData("x://{id", "never closed")]
    [InlineData("x://id}", "Unexpected")]
    [InlineData("x://{}", "names no variable")]
    [InlineData("x://{a b}", "not a valid variable name")]
    [InlineData("x://{a}/{a}", "more than once")]
    [InlineData("x://{a{b}}", "Nested")]
    public void Invalid_templates_say_why(string template, string reason)
    {
        Assert.False(UriTemplate.TryParse(template, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Throws<FormatException>(() => UriTemplate.Parse(template));
    }

    [Fact]
    public void Exposes_variable_names_in_order()
    {
        var t = UriTemplate.Parse("a/{x}/{+y}{?z,w}");
        Assert.Equal(["x", "y", "z", "w"], t.VariableNames);
        Assert.True(t.HasVariables);
        Assert.False(UriTemplate.Parse("a/b").HasVariables);
    }
}
