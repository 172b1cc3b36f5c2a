using Governance.Learning.Autograd;
using Governance.Learning.Nn;
using Governance.Learning.Tensors;
using Governance.Learning.Training;

namespace Governance.Learning.Tests.Nn;

public class ConfigValidationTests
{
    [Fact]
    public void Heads_that_do_not_divide_the_width_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SequenceClassifier(TinyModels.Config() with { NumHeads = 3 }));
        Assert.Contains("must divide hidden_size", ex.Message);
    }

    [Fact]
    public void Zero_vocabulary_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SequenceClassifier(TinyModels.Config() with { VocabSize = 0 }));
        Assert.Contains("vocab_size", ex.Message);
    }

    [Fact]
    public void A_sequence_longer_than_max_positions_is_rejected()
    {
        var model = new SequenceClassifier(TinyModels.Config());
        var tooLong = new TokenizedExample(Enumerable.Repeat(3, 13).ToArray(), Enumerable.Repeat(1, 13).ToArray());
        var ex = Assert.Throws<ArgumentException>(() => model.Predict([tooLong]));
        Assert.Contains("max_position_embeddings 12", ex.Message);
        using var scope = new TensorScope();
        Assert.Throws<ArgumentException>(() => model.Forward(new EncoderBatch(new int[13], new int[13], 1, 13), false, new RandomSource(1)));
    }

    [Fact]
    public void Bad_training_options_name_the_setting()
    {
        var model = new SequenceClassifier(TinyModels.Config());
        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => new ClassifierTrainer(model, new TrainingOptions { BatchSize = 0 })).Message);
        Assert.Contains("class weights", Assert.Throws<ArgumentException>(() => new ClassifierTrainer(model, new TrainingOptions { ClassWeights = [1f] })).Message);
        var trainer = new ClassifierTrainer(model, new TrainingOptions());
        var badLabel = TinyModels.Task(4, 1).Append(new TokenizedExample([1, 2], [1, 1], 5)).ToList();
        Assert.Contains("label 5", Assert.Throws<ArgumentException>(() => trainer.Train(badLabel)).Message);
    }
}
