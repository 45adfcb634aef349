using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Fragments;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>The training settings as the model file stores them: every field by name, in the order and with the defaults
/// of the positional record that wrote the files before <see cref="NetworkTrainingSettings"/> existed (a file without the
/// optimiser, the L-BFGS memory or the target reads them as Adam, 10 and energies, as it always did). A positional record,
/// because the JSON source generator gives a missing init-only property its type's default instead of the record's.</summary>
internal sealed record FragmentTrainingSettingsDocument(
    int[] Hidden, Activation Activation, int Ensemble, int Epochs, int BatchSize, double LearningRate, double LearningRateDecay,
    double MinLearningRate, int Patience, double ForceWeight, double ValidationFraction, double TestFraction, int Seed, int MaxParallelism,
    TrainingOptimizer Optimizer = TrainingOptimizer.Adam, int LbfgsMemory = 10, FragmentTarget Target = FragmentTarget.Energy)
{
    public static FragmentTrainingSettingsDocument From(FragmentTrainingSettings s) => new(
        [.. s.Hidden], s.Activation, s.Ensemble, s.Epochs, s.BatchSize, s.LearningRate, s.LearningRateDecay, s.MinLearningRate,
        s.Patience, s.ForceWeight, s.ValidationFraction, s.TestFraction, s.Seed, s.MaxParallelism, s.Optimizer, s.LbfgsMemory, s.Target);

    /// <summary>The settings as written (not validated: a record of what was, read as it always was).</summary>
    public FragmentTrainingSettings ToSettings() => new()
    {
        Hidden = Hidden, Activation = Activation, Ensemble = Ensemble, Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate,
        LearningRateDecay = LearningRateDecay, MinLearningRate = MinLearningRate, Patience = Patience, ForceWeight = ForceWeight,
        ValidationFraction = ValidationFraction, TestFraction = TestFraction, Seed = Seed, MaxParallelism = MaxParallelism,
        Optimizer = Optimizer, LbfgsMemory = LbfgsMemory, Target = Target,
    };
}

/// <summary>Reads and writes <see cref="FragmentTrainingSettings"/> through <see cref="FragmentTrainingSettingsDocument"/>.</summary>
internal sealed class FragmentTrainingSettingsConverter : JsonConverter<FragmentTrainingSettings>
{
    public override FragmentTrainingSettings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (JsonSerializer.Deserialize(ref reader, FragmentModelJson.Default.FragmentTrainingSettingsDocument)
         ?? throw new JsonException("the training settings are null")).ToSettings();

    public override void Write(Utf8JsonWriter writer, FragmentTrainingSettings value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, FragmentTrainingSettingsDocument.From(value), FragmentModelJson.Default.FragmentTrainingSettingsDocument);
}
