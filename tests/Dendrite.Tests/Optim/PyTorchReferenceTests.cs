using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim;

/// <summary>
/// Five steps of every optimizer on <see cref="QuadraticProblem"/>, against torch 1.13.1 (float32, CPU). The expected
/// numbers were printed by tests/Dendrite.Tests/Optim/pytorch_reference.py (run once with /usr/bin/python3 and
/// pasted here; the tests never call Python). Tolerance: PyTorch's kernels order float operations differently, so
/// agreement is to a few ulps of float32, not bit for bit.
/// </summary>
public class PyTorchReferenceTests
{
    public static TheoryData<string> Cases => [.. Expected.Keys];

    private static readonly Dictionary<string, (Func<Parameter[], IOptimizer> Make, float[] Expected)> Expected = new()
    {
        ["sgd_plain"] = (ps => new Sgd(ps, new SgdOptions(0.1f)),
            [0.5495389699935913f, -0.5881280303001404f, 2.1856112480163574f, 0.0840349942445755f, 0.6958911418914795f, -0.1736000031232834f]),
        ["sgd_momentum_dampening_wd"] = (ps => new Sgd(ps, new SgdOptions(0.1f, WeightDecay: 0.01f, Momentum: 0.9f, Dampening: 0.1f)),
            [-0.08187713474035263f, 1.2278541326522827f, 0.9995655417442322f, -0.3856423795223236f, 1.330822229385376f, 0.3584614098072052f]),
        ["sgd_nesterov_wd"] = (ps => new Sgd(ps, new SgdOptions(0.1f, WeightDecay: 0.01f, Momentum: 0.9f, Nesterov: true)),
            [-0.22076988220214844f, 0.9736514687538147f, 0.5068769454956055f, -0.17313212156295776f, 1.6641472578048706f, -0.02257462590932846f]),
        ["adam"] = (ps => new Adam(ps, new AdamOptions(0.1f)),
            [0.5068637132644653f, -1.5027744770050049f, 2.5014328956604004f, 0.02781442552804947f, 0.748633861541748f, -0.26793503761291504f]),
        ["adam_wd_amsgrad"] = (ps => new Adam(ps, new AdamOptions(0.1f, WeightDecay: 0.1f, AmsGrad: true)),
            [0.5069518685340881f, -1.5027825832366943f, 2.5014808177948f, 0.027814432978630066f, 0.7478880882263184f, -0.267771452665329f]),
        ["adamw"] = (ps => new AdamW(ps, new AdamWOptions(0.1f, WeightDecay: 0.1f)),
            [0.46866533160209656f, -1.415331244468689f, 2.36479115486145f, 0.015330374240875244f, 0.7265480756759644f, -0.24320660531520844f]),
        ["adamw_amsgrad_betas"] = (ps => new AdamW(ps, new AdamWOptions(0.05f, 0.8f, 0.99f, 1e-6f, WeightDecay: 0.2f, AmsGrad: true)),
            [0.7088392376899719f, -1.6585583686828613f, 2.6089589595794678f, 0.23776498436927795f, 0.4822273254394531f, -0.4738833010196686f]),
        ["rmsprop"] = (ps => new RmsProp(ps, new RmsPropOptions(0.01f)),
            [0.6943897008895874f, -1.684984803199768f, 2.6809370517730713f, 0.2215709686279297f, 0.5692850947380066f, -0.46104228496551514f]),
        ["rmsprop_centered_momentum_wd"] = (ps => new RmsProp(ps, new RmsPropOptions(0.01f, Alpha: 0.9f, WeightDecay: 0.1f, Momentum: 0.9f, Centered: true)),
            [0.6645656228065491f, -1.6595466136932373f, 2.657480239868164f, 0.17870691418647766f, 0.591473400592804f, -0.4230811297893524f]),
        ["adagrad"] = (ps => new Adagrad(ps, new AdagradOptions(0.1f)),
            [0.6956458687782288f, -1.6862657070159912f, 2.682224750518799f, 0.22269180417060852f, 0.5679969191551208f, -0.46222591400146484f]),
        ["adagrad_decay_init_wd"] = (ps => new Adagrad(ps, new AdagradOptions(0.1f, 0.01f, 0.1f, 0.1f, 1e-8f)),
            [0.7057197093963623f, -1.691402792930603f, 2.689131736755371f, 0.2290368378162384f, 0.5511986017227173f, -0.4669414460659027f]),
        ["adadelta"] = (ps => new Adadelta(ps, new AdadeltaOptions()),
            [0.9836255311965942f, -1.9835975170135498f, 2.9835848808288574f, 0.483695924282074f, 0.2664157748222351f, -0.7336700558662415f]),
        ["adadelta_custom"] = (ps => new Adadelta(ps, new AdadeltaOptions(0.5f, 0.95f, 1e-5f, 0.1f)),
            [0.9642659425735474f, -1.9641228914260864f, 2.964062213897705f, 0.46461448073387146f, 0.28590279817581177f, -0.7144814729690552f]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FiveSteps_MatchPyTorch(string name)
    {
        var (make, expected) = Expected[name];
        float[] actual = QuadraticProblem.Run(make);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 2e-6 * Math.Max(1, Math.Abs(expected[i])),
                $"{name}[{i}]: got {actual[i]:R}, PyTorch {expected[i]:R}");
    }
}
