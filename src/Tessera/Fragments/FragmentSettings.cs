using System.Globalization;

namespace Tessera.Fragments;

/// <summary>What to do when the atoms' assignment to units changes between the steps of a trajectory (a proton hop).
/// Report, Throw and Freeze act through the trajectory's <see cref="UnitTracker"/>; a single structure is always
/// assembled over its own units. Blend is part of the potential itself.</summary>
public enum ReassignmentPolicy
{
    /// <summary>Use the new units, count the change and raise <see cref="UnitTracker.UnitsReassigned"/>.
    /// The energy jumps by the difference between the two fragmentations.</summary>
    Report,
    /// <summary>Throw <see cref="UnitReassignmentException"/>.</summary>
    Throw,
    /// <summary>Keep the units of the trajectory's first step (a fixed topology): smooth, but a hopped proton
    /// stays in its old unit; changes are still counted and reported.</summary>
    Freeze,
    /// <summary>Blend the assignments of hydrogens nearly equidistant from two heavy atoms (within
    /// <see cref="FragmentSettings.BlendWidth"/>): the energy is the probability-weighted sum over
    /// assignments, continuous and smooth through a hop (see <see cref="ProtonBlend"/>); costs up to
    /// 2^k fragmentations for k shared protons. Changes of the nearest assignment are still counted.</summary>
    Blend,
}

/// <summary>Settings of a graph-theoretic fragmentation. Build with <see cref="Create"/> or
/// <see cref="Parse"/>; both validate. Distances in Angstrom.</summary>
/// <param name="Rank">Highest simplex rank R (0 nodes, 1 edges, 2 triangles, 3 tetrahedra, ...).</param>
/// <param name="Cutoff">r_off: units whose closest anchor (heavy-atom) distance is at or beyond it are not joined.</param>
/// <param name="SwitchOn">r_on &lt;= r_off: edges have full weight below it. r_on = r_off is the original hard cutoff.</param>
/// <param name="Switch">Shape of the switch between r_on and r_off.</param>
/// <param name="BondTolerance">Heavy atoms bond below this factor times the sum of covalent radii.</param>
/// <param name="UnitCharges">Explicit unit charges (null: default rule of <see cref="UnitFinder"/>).</param>
/// <param name="UnitMultiplicities">Explicit unit multiplicities (null: all 1).</param>
/// <param name="MaxParallelism">Fragments evaluated at once (parallel calls into the potentials).</param>
/// <param name="Reassignment">Policy when units change between the steps of a trajectory.</param>
/// <param name="SkipZeroCoefficients">Do not evaluate fragments whose coefficient is exactly zero
/// and whose energies no weight derivative needs (exact; off only to exercise every fragment).</param>
/// <param name="BlendWidth">For <see cref="ReassignmentPolicy.Blend"/>: a hydrogen is shared when its two
/// nearest heavy atoms are closer than this in distance difference (Angstrom).</param>
public sealed record FragmentSettings(
    int Rank, double Cutoff, double SwitchOn, SwitchKind Switch, double BondTolerance,
    int[]? UnitCharges, int[]? UnitMultiplicities, int MaxParallelism, ReassignmentPolicy Reassignment,
    bool SkipZeroCoefficients, double BlendWidth)
{
    public SwitchingFunction SwitchingFunction => new(SwitchOn, Cutoff, Switch);

    /// <summary>Blend by default: the surface is then continuous and smooth through a proton hop, the same for a single
    /// point and for a trajectory; Report reassigns at the hop and the energy jumps by the difference between the two
    /// fragmentations (measured: single steps of 0.1-0.16 eV in W6 NVE).</summary>
    public const ReassignmentPolicy DefaultReassignment = ReassignmentPolicy.Blend;

    /// <summary>Highest rank accepted: a rank-R term joins R+1 units and their number grows like n^(R+1), so higher
    /// ranks never finish on a real system (and the expansion is converged long before).</summary>
    public const int MaxRank = 8;

    public static FragmentSettings Create(int rank, double cutoff, double? switchOn = null,
        SwitchKind kind = SwitchKind.Quintic, double bondTolerance = 1.2, int[]? unitCharges = null,
        int[]? unitMultiplicities = null, int? maxParallelism = null,
        ReassignmentPolicy reassignment = DefaultReassignment, bool skipZeroCoefficients = true, double blendWidth = 0.2,
        Func<string, string>? name = null) =>
        new FragmentSettings(rank, cutoff, switchOn ?? cutoff, kind, bondTolerance, unitCharges, unitMultiplicities,
                             maxParallelism ?? Environment.ProcessorCount, reassignment, skipZeroCoefficients, blendWidth).Validated(name);

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting; returns this. <paramref name="name"/>
    /// turns a setting's key ("rank") into what the user typed (a command's "--rank"); keys by default.</summary>
    public FragmentSettings Validated(Func<string, string>? name = null)
    {
        name ??= k => k;
        if (Rank is < 0 or > MaxRank)
            throw new ArgumentException($"{name("rank")} must be between 0 and {MaxRank} (a rank-R term joins R+1 units), got {Rank}.");
        if (!(Cutoff > 0) || double.IsInfinity(Cutoff)) throw new ArgumentException($"{name("cutoff")} must be a positive distance in Angstrom, got {Cutoff}.");
        if (!(SwitchOn > 0) || SwitchOn > Cutoff)
            throw new ArgumentException($"{name("on")} (r_on = {SwitchOn}) must be positive and at most {name("cutoff")} ({Cutoff}).");
        if (!(BondTolerance > 0)) throw new ArgumentException($"tol must be positive, got {BondTolerance}.");
        if (!(BlendWidth > 0)) throw new ArgumentException($"blend must be positive, got {BlendWidth}.");
        if (MaxParallelism < 1) throw new ArgumentException($"parallel must be >= 1, got {MaxParallelism}.");
        return this;
    }

    /// <summary>Parses "rank=2,cutoff=4.5[,on=4.0][,switch=quintic|smooth][,tol=1.2][,parallel=4]
    /// [,reassign=report|throw|freeze|blend][,blend=0.2][,charges=1;0;0][,mult=1;1;1][,skipzero=true]".
    /// rank and cutoff are required; errors name the offending key.</summary>
    public static FragmentSettings Parse(string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException($"Fragment setting '{part}' is not key=value.");
            if (!pairs.TryAdd(part[..eq].Trim(), part[(eq + 1)..].Trim()))
                throw new FormatException($"Fragment setting '{part[..eq]}' given twice.");
        }
        string[] known = ["rank", "cutoff", "on", "switch", "tol", "parallel", "reassign", "blend", "charges", "mult", "skipzero"];
        var unknown = pairs.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
            throw new FormatException($"Unknown fragment setting(s) {string.Join(", ", unknown.Select(k => Suggest(k, known)))}; known: {string.Join(", ", known)}.");
        string Required(string k) => pairs.TryGetValue(k, out var v) ? v : throw new FormatException($"Fragment settings need {k}=...");
        try
        {
            return Create(
                ParseInt("rank", Required("rank")), ParseDouble("cutoff", Required("cutoff")),
                pairs.TryGetValue("on", out var on) ? ParseDouble("on", on) : null,
                pairs.TryGetValue("switch", out var sw) ? ParseEnum<SwitchKind>("switch", sw) : SwitchKind.Quintic,
                pairs.TryGetValue("tol", out var tol) ? ParseDouble("tol", tol) : 1.2,
                pairs.TryGetValue("charges", out var q) ? ParseList("charges", q) : null,
                pairs.TryGetValue("mult", out var m) ? ParseList("mult", m) : null,
                pairs.TryGetValue("parallel", out var p) ? ParseInt("parallel", p) : null,
                pairs.TryGetValue("reassign", out var r) ? ParseEnum<ReassignmentPolicy>("reassign", r) : DefaultReassignment,
                !pairs.TryGetValue("skipzero", out var z) || ParseBool("skipzero", z),
                pairs.TryGetValue("blend", out var b) ? ParseDouble("blend", b) : 0.2);
        }
        catch (ArgumentException e) { throw new FormatException(e.Message, e); }
    }

    /// <summary>"'rnak' (did you mean 'rank'?)" for a key within two edits of a known one.</summary>
    private static string Suggest(string key, string[] known)
    {
        var best = known.MinBy(k => EditDistance(key.ToLowerInvariant(), k));
        return best is not null && EditDistance(key.ToLowerInvariant(), best) <= 2 ? $"'{key}' (did you mean '{best}'?)" : $"'{key}'";
    }

    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    private static int ParseInt(string key, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : throw new FormatException($"{key}='{v}' is not an integer.");

    private static double ParseDouble(string key, string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw new FormatException($"{key}='{v}' is not a number.");

    private static bool ParseBool(string key, string v) =>
        bool.TryParse(v, out bool b) ? b : throw new FormatException($"{key}='{v}' is not true/false.");

    private static int[] ParseList(string key, string v) => v.Split(';', StringSplitOptions.TrimEntries).Select(x => ParseInt(key, x)).ToArray();

    private static T ParseEnum<T>(string key, string v) where T : struct, Enum =>
        Enum.TryParse<T>(v, ignoreCase: true, out var e) && Enum.IsDefined(e) ? e
            : throw new FormatException($"{key}='{v}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"rank={Rank},cutoff={Cutoff},on={SwitchOn},switch={Switch.ToString().ToLowerInvariant()},tol={BondTolerance},reassign={Reassignment.ToString().ToLowerInvariant()}");
}
