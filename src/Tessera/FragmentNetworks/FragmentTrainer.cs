using System.Diagnostics;
using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Fragments;

namespace Tessera.FragmentNetworks;

/// <summary>Outcome of training: the model (best validation weights), and the held-out test fragments
/// (untouched by training) for evaluation.</summary>
public sealed record FragmentTrainingResult(FragmentNetworkModel Model, IReadOnlyList<Structure> TestFrames);

/// <summary>Trains fragment networks on a labelled fragment data set: per type, a seeded split into
/// training, validation and test fragments, descriptor and target standardisation from the training
/// fragments, and an ensemble of networks fitted in parallel (each with its own seed) with early stopping.</summary>
public static class FragmentTrainer
{
    /// <param name="frames">Data-set frames (fragment_type, unit column, E_low/E_high/delta, optional forces).</param>
    /// <param name="fragmentation">Fragmentation the data was made with (stored in the model; used to assemble).</param>
    /// <param name="lowLevel">Model spec of the low level (e.g. "xtb-native:gfn2") recorded for prediction.</param>
    /// <param name="start">A model to continue from (<see cref="WarmStart"/>); null trains every type afresh.</param>
    /// <param name="checkpoints">Where and how often to leave checkpoints, and whether to resume from one; null: none.</param>
    public static FragmentTrainingResult Train(IReadOnlyList<Structure> frames, FragmentSettings fragmentation, FragmentDescriptorSettings descriptor,
                                               FragmentTrainingSettings settings, string? lowLevel = null,
                                               IReadOnlyDictionary<string, string>? provenance = null,
                                               IProgress<FragmentTrainingProgress>? progress = null, CancellationToken ct = default,
                                               FragmentNetworkModel? start = null, FragmentCheckpoints? checkpoints = null)
    {
        settings = settings.Validated();
        if (start is not null) WarmStart.RequireCompatible(start, fragmentation, descriptor, settings);
        var clock = Stopwatch.StartNew();
        bool delta = FragmentTrainingSample.IsDeltaData(frames);
        var (samples, missingFaces) = Targets(frames.Select((f, i) => FragmentTrainingSample.From(f, delta, i)).ToArray(), settings.Target);
        // Forces enter the loss of every fragment that has them: an energy-only data set (e.g. tetramers, whose gradients
        // cost several times their energies) may be trained beside one with forces without dropping the others' forces.
        bool forces = settings.ForceWeight > 0 && samples.Any(s => s.Forces is not null);
        if (samples.Length == 0) throw new ArgumentException("The data set holds no fragments.");
        var groups = samples.GroupBy(s => s.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Split(g.Key, g.ToArray(), settings)).ToArray();
        var types = groups.Select(g => (start is null ? null : WarmStart.Continued(start, g.Type, AllSamples(g).SelectMany(s => s.Numbers)))
                                       ?? Untrained(g, descriptor, settings)).ToArray();
        var saved = checkpoints?.Begin(FragmentCheckpoints.RunKey(settings, descriptor, forces, types, groups)) ?? new Dictionary<(string, int), MemberCheckpoint>();
        var curves = Fit(types, groups, settings, forces, progress, ct, saved, checkpoints);
        // Types of the starting model that the data lacks are kept as they are, so a refinement never loses a type.
        types = [.. types, .. start?.Types.Where(t => !groups.Any(g => g.Type == t.Type)) ?? []];
        var trained = new FragmentNetworkModel(fragmentation, descriptor, delta, types, target: settings.Target);
        var stats = groups.Select(g => Statistics(trained, g)).ToArray();
        var record = new FragmentTrainingRecord(settings, curves, stats, forces, DateTime.UtcNow, TesseraVersion.Current,
                                                clock.Elapsed.TotalSeconds, missingFaces);
        var high = frames[0].Info.TryGetValue("high_engine", out var h) ? h as string : null;
        var model = new FragmentNetworkModel(fragmentation, descriptor, delta, types, lowLevel, high, record, provenance, settings.Target);
        return new FragmentTrainingResult(model, groups.SelectMany(g => g.Test.Select(s => s.Source)).ToArray());
    }

    /// <summary>The samples as the target needs them: as they are, or as many-body increments (those lacking a face left out).</summary>
    public static (FragmentTrainingSample[] Samples, int MissingFaces) Targets(FragmentTrainingSample[] samples, FragmentTarget target)
    {
        if (target == FragmentTarget.Energy) return (samples, 0);
        var (increments, missing) = FragmentIncrements.From(samples);
        if (increments.Length == 0 && samples.Length > 0)
            throw new ArgumentException($"None of the {samples.Length} data-set fragments has all its faces in the data set, so no many-body increment " +
                                        "can be formed: select with faces (the default of 'tessera select'; do not pass --no-faces), label and build the data set " +
                                        "again, or train on fragment energies (--target energy).");
        return (increments, missing);
    }

    internal sealed record TypeSplit(string Type, FragmentTrainingSample[] Train, FragmentTrainingSample[] Validation, FragmentTrainingSample[] Test);

    /// <summary>Seeded shuffle of one type's fragments; tiny types keep everything for training (and validate on it).</summary>
    private static TypeSplit Split(string type, FragmentTrainingSample[] all, FragmentTrainingSettings s)
    {
        var order = all.ToArray();
        new Random(FragmentTypeNetworks.Mix(s.Seed, FragmentTypeNetworks.StableHash(type))).Shuffle(order);
        int nTest = all.Length < 5 ? 0 : (int)Math.Round(s.TestFraction * all.Length);
        int nValid = all.Length < 5 ? 0 : Math.Max(1, (int)Math.Round(s.ValidationFraction * all.Length));
        var test = order[..nTest];
        var valid = order[nTest..(nTest + nValid)];
        var train = order[(nTest + nValid)..];
        return new TypeSplit(type, train, valid.Length > 0 ? valid : train, test);
    }

    private static FragmentTypeNetworks Untrained(TypeSplit g, FragmentDescriptorSettings settings, FragmentTrainingSettings ts) =>
        Initial(g.Type, g.Train, AllSamples(g).SelectMany(s => s.Numbers), settings, ts);

    private static IEnumerable<FragmentTrainingSample> AllSamples(TypeSplit g) => g.Train.Concat(g.Validation).Concat(g.Test);

    /// <summary>Multiple of the RMS feature spread below which a feature's scale is not shrunk further. Measured on the W6
    /// increments (held-out frames, R = 2, against the ab initio assembly): 2.88 kcal/mol with plain standardisation, 2.02
    /// with this floor at 1 (1.94 at 2, 2.81 at 0.3).</summary>
    private const double ScaleFloor = 1.0;

    /// <summary>Untrained networks of a type with descriptor and target standardisation from <paramref name="fit"/>.</summary>
    internal static FragmentTypeNetworks Initial(string type, IReadOnlyList<FragmentTrainingSample> fit, IEnumerable<int> elements,
                                                 FragmentDescriptorSettings settings, FragmentTrainingSettings ts)
    {
        var d = new FragmentDescriptor(settings, elements, Fragment.UnitFormulas(type));
        var x = new double[fit.Count, d.Length];
        var row = new double[d.Length];
        for (int i = 0; i < fit.Count; i++)
        {
            d.Compute(fit[i].Numbers, fit[i].Positions, fit[i].Units, row);
            for (int f = 0; f < d.Length; f++) x[i, f] = row[f];
        }
        var mean = new double[d.Length];
        var sds = new double[d.Length];
        for (int f = 0; f < d.Length; f++)
        {
            var col = Enumerable.Range(0, fit.Count).Select(i => x[i, f]).ToArray();
            mean[f] = col.Average();
            sds[f] = Math.Sqrt(col.Sum(v => (v - mean[f]) * (v - mean[f])) / col.Length);
        }
        // A feature that barely varies carries little information; dividing by its tiny spread would blow its noise up
        // to the size of the informative features. Scales are floored at a fraction of the typical feature spread (and a
        // constant feature is left unscaled).
        var varying = sds.Where(v => v > 1e-6).ToArray();
        double floor = varying.Length == 0 ? 0 : ScaleFloor * Math.Sqrt(varying.Average(v => v * v));
        var scale = sds.Select(v => v > 1e-6 ? Math.Max(v, floor) : 1.0).ToArray();
        var targets = fit.Select(s => s.Target).ToArray();
        double tMean = targets.Average();
        double tSd = Math.Sqrt(targets.Sum(t => (t - tMean) * (t - tMean)) / targets.Length);
        return FragmentTypeNetworks.CreateUntrained(type, d, mean, scale, tMean, tSd > 1e-4 ? tSd : Units.KcalPerMol,
                                                    ts.Hidden, ts.Activation, ts.Ensemble, ts.Seed);
    }

    private static MemberCurve[] Fit(FragmentTypeNetworks[] types, TypeSplit[] groups, FragmentTrainingSettings settings, bool forces,
                                     IProgress<FragmentTrainingProgress>? progress, CancellationToken ct,
                                     IReadOnlyDictionary<(string Type, int Member), MemberCheckpoint> saved, FragmentCheckpoints? checkpoints)
    {
        var jobs = Enumerable.Range(0, types.Length).SelectMany(t => Enumerable.Range(0, settings.Ensemble).Select(m => (t, m)))
            .OrderByDescending(j => groups[j.t].Train.Length).ToArray(); // big types first: better load balance
        var curves = new MemberCurve[jobs.Length];
        long total = (long)jobs.Length * settings.Epochs, done = saved.Values.Sum(c => c.Finished ? settings.Epochs : (long)c.Loop.Epochs);
        int finished = saved.Values.Count(c => c.Finished);
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelism, CancellationToken = ct };
        long budget = FragmentFeatureCache.JacobianBudgetBytes;
        var caches = types.Select((type, t) => FragmentFeatureCache.Build(type, ReferenceEquals(groups[t].Validation, groups[t].Train)
                                                                              ? groups[t].Train : [.. groups[t].Train, .. groups[t].Validation],
                                                                          forces, ref budget, settings.MaxParallelism)).ToArray();
        void Job(int j)
        {
            var (t, m) = jobs[j];
            var (type, net) = (types[t].Type, types[t].Members[m]);
            var from = saved.GetValueOrDefault((type, m));
            if (from is { Finished: true })
            {
                curves[j] = Finished(from, net);
                return;
            }
            var fit = new FragmentNetworkFit(types[t], m, settings, caches[t]);
            int epochs = from?.Loop.Epochs ?? 0;
            var (points, last) = fit.Run(groups[t].Train, groups[t].Validation, forces, FragmentTypeNetworks.Mix(settings.Seed, m, 7919), point =>
            {
                epochs++;
                progress?.Report(new FragmentTrainingProgress(Interlocked.Increment(ref done), total, Volatile.Read(ref finished), jobs.Length, type, m, point));
            }, ct, from, checkpoints is null ? null : capture => checkpoints.Offer(type, m, capture));
            checkpoints?.Finished(MemberCheckpoint.Final(type, m, last, net.Parameters, points));
            Interlocked.Add(ref done, settings.Epochs - epochs);
            progress?.Report(new FragmentTrainingProgress(Interlocked.Read(ref done), total, Interlocked.Increment(ref finished), jobs.Length,
                                                          type, m, points.Length > 0 ? points[^1] : null));
            curves[j] = new MemberCurve(type, m, last.Stopping.BestEpoch, points);
        }
        try { Parallel.For(0, jobs.Length, options, Job); }
        catch (OperationCanceledException)
        {
            checkpoints?.Flush(); // what every member left, so a cancelled run resumes from its latest states
            throw;
        }
        return curves.OrderBy(c => c.Type, StringComparer.Ordinal).ThenBy(c => c.Member).ToArray();
    }

    /// <summary>A member the checkpoint has finished: its final weights loaded, its curve as it was.</summary>
    private static MemberCurve Finished(MemberCheckpoint c, Networks.DenseNetwork net)
    {
        if (c.Parameters.Length != net.ParameterCount) throw new ArgumentException($"The checkpoint of {c.Type} member {c.Member + 1} does not fit its network.");
        c.Parameters.CopyTo(net.Parameters, 0);
        return new MemberCurve(c.Type, c.Member, c.Loop.Stopping.BestEpoch, c.Points);
    }

    private static TypeStatistics Statistics(FragmentNetworkModel model, TypeSplit g)
    {
        var ws = new FragmentWorkspace();
        double[] Errors(FragmentTrainingSample[] set) => set
            .Select(s => (model.Predict(s.Type, s.Numbers, s.Positions, s.Units, Span<Vec3>.Empty, ws).Energy - s.Target) / Units.KcalPerMol).ToArray();
        var v = Errors(g.Validation);
        var te = Errors(g.Test);
        double Mae(double[] e) => e.Length == 0 ? double.NaN : e.Average(Math.Abs);
        double Rmse(double[] e) => e.Length == 0 ? double.NaN : Math.Sqrt(e.Average(x => x * x));
        return new TypeStatistics(g.Type, FragmentFrames.RankFromType(g.Type), g.Train.Length,
                                  ReferenceEquals(g.Validation, g.Train) ? 0 : g.Validation.Length, g.Test.Length, Mae(v), Mae(te), Rmse(te));
    }
}
