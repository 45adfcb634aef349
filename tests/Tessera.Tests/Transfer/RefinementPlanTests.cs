using Tessera.Transfer;

namespace Tessera.Tests.Transfer;

public class RefinementPlanTests
{
    private static RefinementPlan Plan() => new("w6.json", "w21.extxyz", ["w6-selection.json.gz"], ["w6-dataset.extxyz.gz"], "xtb:gfn2",
                                                "psi4:mp2/cc-pvdz", true, new RefinementSettings(), ["heldout.extxyz"]);

    [Fact]
    public void A_plan_differs_only_where_an_option_differs_and_names_that_option()
    {
        var plan = Plan();
        Assert.Empty(plan.DifferencesFrom(Plan()));
        // Budget and pick are chosen per round, so they are no difference; the seed is fixed by the first round.
        var other = plan with { Selection = plan.Selection with { Budget = 0.1, Pick = RepresentativePick.Spread, Seed = 2 }, Known = ["other.json"] };
        var lines = other.DifferencesFrom(plan).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("--seed: 1", StringComparison.Ordinal) && l.Contains("2 (now)"));
        Assert.Contains(lines, l => l.StartsWith("--known: w6-selection.json.gz", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plan_round_trips_through_its_file()
    {
        var path = Path.Combine(Tessera.Tests.Data.Temp.Folder(), "plan.json");
        RefinementPlan.Write(path, Plan());
        Assert.Empty(RefinementPlan.Read(path).DifferencesFrom(Plan()));
    }

    [Fact]
    public void The_pool_is_named_after_the_frames()
    {
        Assert.Equal("w21-train-frames-refinement-pool.extxyz.gz", RefinementFolder.PoolName("runs/w21-train-frames.extxyz.gz"));
        Assert.Equal("x-refinement-pool.extxyz.gz", RefinementFolder.PoolName("x.xyz"));
    }
}
