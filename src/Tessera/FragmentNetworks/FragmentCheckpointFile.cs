using System.Text;
using Tessera.Core;
using Tessera.IO;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>The checkpoint file of a fragment training run: binary, because every double must come back to the bit (the
/// resumed run has to give the uninterrupted run's model) and because L-BFGS's curvature pairs make it large. A header
/// (kind, format version, the run key of <see cref="FragmentCheckpoints.RunKey"/>), then one record per ensemble member.
/// Written atomically (<see cref="AtomicFile"/>), so a kill while writing leaves the previous checkpoint.</summary>
public static class FragmentCheckpointFile
{
    private const string Kind = "tessera-fragment-checkpoint";
    private const int CurrentVersion = 1;

    public static void Write(string path, string runKey, IEnumerable<MemberCheckpoint> members) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            w.Write(Kind); w.Write(CurrentVersion); w.Write(runKey);
            var all = members.ToArray();
            w.Write(all.Length);
            foreach (var m in all) WriteMember(w, m);
        });

    /// <exception cref="FileFormatException">Not a checkpoint, another version, or truncated.</exception>
    public static (string RunKey, MemberCheckpoint[] Members) Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (r.ReadString() != Kind) throw new FileFormatException(path, "not a fragment training checkpoint");
            int version = r.ReadInt32();
            if (version != CurrentVersion)
                throw new FileFormatException(path, $"checkpoint format version {version} is not supported (this Tessera reads {CurrentVersion}): delete it and train again");
            string key = r.ReadString();
            var members = new MemberCheckpoint[r.ReadInt32()];
            for (int i = 0; i < members.Length; i++) members[i] = ReadMember(r);
            return (key, members);
        }
        catch (IOException e)
        {
            throw new FileFormatException(path, $"truncated or corrupted checkpoint ({e.Message}): delete it and train again");
        }
    }

    private static void WriteMember(BinaryWriter w, MemberCheckpoint m)
    {
        w.Write(m.Type); w.Write(m.Member); w.Write(m.Finished);
        var (loop, s) = (m.Loop, m.Loop.Stopping);
        w.Write(loop.Epochs); w.Write(loop.Moved); w.Write(s.BestLoss); w.Write(s.BestEpoch); w.Write(s.EpochsSinceBest); w.Write(s.Plateaus);
        WriteArrays(w, loop.Best);
        WriteArray(w, m.Parameters);
        w.Write(m.Adam is not null);
        if (m.Adam is { } a) { w.Write(a.Steps); WriteArray(w, a.M); WriteArray(w, a.V); }
        w.Write(m.Lbfgs is not null);
        if (m.Lbfgs is { } l)
        {
            WriteArrays(w, l.S); WriteArrays(w, l.Y); WriteArray(w, l.Rho);
            w.Write(l.Gradient is not null);
            if (l.Gradient is not null) WriteArray(w, l.Gradient);
            w.Write(l.Loss);
        }
        w.Write(m.Points.Length);
        foreach (var p in m.Points) { w.Write(p.Epoch); w.Write(p.TrainRmse); w.Write(p.ValidationRmse); w.Write(p.LearningRate); }
    }

    private static MemberCheckpoint ReadMember(BinaryReader r)
    {
        var (type, member, finished) = (r.ReadString(), r.ReadInt32(), r.ReadBoolean());
        var (epochs, moved) = (r.ReadInt32(), r.ReadBoolean());
        var stopping = new EarlyStoppingState(r.ReadDouble(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        var loop = new TrainingLoopSnapshot(epochs, moved, ReadArrays(r), stopping);
        var parameters = ReadArray(r);
        var adam = r.ReadBoolean() ? new AdamState(r.ReadInt64(), ReadArray(r), ReadArray(r)) : null;
        LbfgsState? lbfgs = null;
        if (r.ReadBoolean())
        {
            var (s, y, rho) = (ReadArrays(r), ReadArrays(r), ReadArray(r));
            var gradient = r.ReadBoolean() ? ReadArray(r) : null;
            lbfgs = new LbfgsState(s, y, rho, gradient, r.ReadDouble());
        }
        var points = new EpochPoint[r.ReadInt32()];
        for (int i = 0; i < points.Length; i++) points[i] = new EpochPoint(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        return new MemberCheckpoint(type, member, finished, loop, parameters, adam, lbfgs, points);
    }

    private static void WriteArray(BinaryWriter w, double[] a)
    {
        w.Write(a.Length);
        foreach (double x in a) w.Write(x);
    }

    private static void WriteArrays(BinaryWriter w, double[][] a)
    {
        w.Write(a.Length);
        foreach (var x in a) WriteArray(w, x);
    }

    private static double[] ReadArray(BinaryReader r)
    {
        var a = new double[Count(r)];
        for (int i = 0; i < a.Length; i++) a[i] = r.ReadDouble();
        return a;
    }

    private static double[][] ReadArrays(BinaryReader r)
    {
        var a = new double[Count(r)][];
        for (int i = 0; i < a.Length; i++) a[i] = ReadArray(r);
        return a;
    }

    private static int Count(BinaryReader r)
    {
        int n = r.ReadInt32();
        long left = r.BaseStream.Length - r.BaseStream.Position;
        return n >= 0 && n <= left ? n : throw new EndOfStreamException($"an array of {n} values where {left} bytes are left");
    }
}
