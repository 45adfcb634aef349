using Tessera.Models;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.Models;

public class ModelLoaderTests
{
    [Fact]
    public void A_folder_of_n2p2_files_is_a_behler_parrinello_model() =>
        Assert.IsType<BpnnEnsemble>(ModelLoader.Load(BadInputRunner.RepoPath("data/water16/bpnn")));

    [Theory]
    [InlineData("nonsense", "--low: unknown model 'nonsense'.")]
    [InlineData("xtb:gfn2;frob=1", "--low 'xtb:gfn2;frob=1': Unknown xtb option(s)")]
    [InlineData("no/such/folder", "--low 'no/such/folder': no such model folder")]
    [InlineData("missing.json", "--low 'missing.json': the fragment model file does not exist")]
    [InlineData(" ", "A model is required (--low)")]
    public void Errors_name_the_option_the_spec_came_from(string spec, string expected)
    {
        var e = Record.Exception(() => ModelLoader.Load(spec, "--low"));
        Assert.NotNull(e);
        Assert.StartsWith(expected, e.Message);
    }
}
