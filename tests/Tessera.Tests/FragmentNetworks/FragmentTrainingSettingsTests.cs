using System.Text.RegularExpressions;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;

namespace Tessera.Tests.FragmentNetworks;

public class FragmentTrainingSettingsTests
{
    [Fact]
    public void Lbfgs_memory_round_trips_and_files_written_before_it_existed_read_with_the_default()
    {
        var settings = FragmentSettings.Create(1, 3.6, switchOn: 2.7);
        var result = FragmentTrainer.Train(ToyDeltaData.Frames(12, 3, settings, 100, false), settings, FragmentDescriptorSettings.Default,
                                           FragmentTrainingSettings.Create(hidden: [4], ensemble: 1, epochs: 2, lbfgsMemory: 7,
                                                                           optimizer: Tessera.Networks.TrainingOptimizer.Lbfgs));
        var path = Path.Combine(Path.GetTempPath(), $"fragnn-{Guid.NewGuid():N}.json");
        try
        {
            FragmentModelFile.Write(path, result.Model);
            Assert.Equal(7, FragmentModelFile.Read(path).Training!.Settings.LbfgsMemory);
            File.WriteAllText(path, Regex.Replace(File.ReadAllText(path), ",\\s*\"lbfgs_memory\":\\s*7", ""));
            Assert.Equal(10, FragmentModelFile.Read(path).Training!.Settings.LbfgsMemory);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Patience_zero_means_never_stop_early_and_negative_is_refused()
    {
        Assert.Equal(0, FragmentTrainingSettings.Create(patience: 0).Patience);
        Assert.Throws<ArgumentException>(() => FragmentTrainingSettings.Create(patience: -1));
        Assert.Throws<ArgumentException>(() => FragmentTrainingSettings.Create(lbfgsMemory: 0));
    }
}
