using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Testing;

namespace NpsCloud.IntegrationTests.Tenants;

public sealed class DepartmentTests(DepartmentTests.Fixture fixture) : IClassFixture<DepartmentTests.Fixture>
{
    [Fact]
    public async Task Departments_are_created_read_renamed_and_listed_in_the_order_they_were_added()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var billing = await TenantApi.CreateDepartmentAsync(client, "Faturalama");
        await TenantApi.CreateDepartmentAsync(client, "Bakım");

        var renamed = await (await client.PatchAsJsonAsync($"/api/v1/departments/{billing}", new { name = "Ödemeler" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Ödemeler", renamed.GetProperty("name").GetString());
        Assert.Equal("Ödemeler", (await (await client.GetAsync($"/api/v1/departments/{billing}")).JsonAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        var names = (await (await client.GetAsync("/api/v1/departments")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("name").GetString());
        Assert.Equal(["Ödemeler", "Bakım"], names);
    }

    [Fact]
    public async Task Names_are_unique_per_tenant_ignoring_case_but_two_tenants_may_share_one()
    {
        var first = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var second = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var support = await TenantApi.CreateDepartmentAsync(first, "Support");
        var other = await TenantApi.CreateDepartmentAsync(first, "Sales");

        await (await first.PostAsJsonAsync("/api/v1/departments", new { name = "SUPPORT" })).JsonAsync(HttpStatusCode.Conflict);
        await (await first.PatchAsJsonAsync($"/api/v1/departments/{other}", new { name = "support" })).JsonAsync(HttpStatusCode.Conflict);
        await TenantApi.CreateDepartmentAsync(second, "Support");
        Assert.NotEqual(Guid.Empty, support);
    }

    [Fact]
    public async Task The_head_is_set_kept_when_absent_and_cleared_by_null()
    {
        var signedUp = await TenantApi.SignUpAsync(fixture.App);
        var client = fixture.App.WithKey(signedUp.ApiKey);
        var owner = (await (await client.GetAsync("/api/v1/users")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var created = await (await client.PostAsJsonAsync("/api/v1/departments", new { name = "Ops", headUserId = owner })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(owner, created.GetProperty("headUserId").GetGuid());

        var renamed = await (await client.PatchAsJsonAsync($"/api/v1/departments/{id}", new { name = "Operations" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(owner, renamed.GetProperty("headUserId").GetGuid());

        var cleared = await (await client.PatchAsync($"/api/v1/departments/{id}",
            new StringContent("""{"headUserId": null}""", Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("headUserId").ValueKind);
        Assert.Equal("Operations", cleared.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var id = await TenantApi.CreateDepartmentAsync(client, "Valid");

        var blank = await (await client.PostAsJsonAsync("/api/v1/departments", new { name = "  " })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(blank.GetProperty("errors").TryGetProperty("name", out _));
        var tooLong = await (await client.PostAsJsonAsync("/api/v1/departments", new { name = new string('a', 101) })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("name", out _));
        var notAnId = await (await client.PatchAsync($"/api/v1/departments/{id}",
            new StringContent("""{"headUserId": "someone"}""", Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(notAnId.GetProperty("errors").TryGetProperty("headUserId", out _));
        var wrongType = await (await client.PostAsync("/api/v1/departments",
            new StringContent("""{"name": 42}""", Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_department_without_data_is_deleted_and_one_with_data_is_archived()
    {
        var client = fixture.App.WithKey((await TenantApi.SignUpAsync(fixture.App)).ApiKey);
        var empty = await TenantApi.CreateDepartmentAsync(client, "Empty");
        var used = await TenantApi.CreateDepartmentAsync(client, "Used");
        fixture.DepartmentsWithData.Add(used);

        Assert.Equal("deleted", (await (await client.DeleteAsync($"/api/v1/departments/{empty}")).JsonAsync(HttpStatusCode.OK)).GetProperty("outcome").GetString());
        Assert.Equal("archived", (await (await client.DeleteAsync($"/api/v1/departments/{used}")).JsonAsync(HttpStatusCode.OK)).GetProperty("outcome").GetString());

        await (await client.GetAsync($"/api/v1/departments/{empty}")).JsonAsync(HttpStatusCode.NotFound);
        var archived = await (await client.GetAsync($"/api/v1/departments/{used}")).JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, archived.GetProperty("archivedAt").ValueKind);
        Assert.Equal(0, (await (await client.GetAsync("/api/v1/departments")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await (await client.GetAsync("/api/v1/departments?includeArchived=true")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        // The archived name is free again.
        await TenantApi.CreateDepartmentAsync(client, "Used");
    }

    public sealed class Fixture : AppFixture
    {
        public HashSet<Guid> DepartmentsWithData { get; } = [];

        protected override NpsAppFactory Configure(NpsAppFactory app) =>
            app.WithServices(services => services.AddSingleton<IDepartmentDataCheck>(new KnownData(DepartmentsWithData)));

        /// <summary>Stands in for a module that keeps data about some departments.</summary>
        private sealed class KnownData(HashSet<Guid> departments) : IDepartmentDataCheck
        {
            public Task<bool> HasDataAsync(Guid departmentId, CancellationToken cancellationToken) => Task.FromResult(departments.Contains(departmentId));
        }
    }
}
