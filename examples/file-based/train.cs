#!/usr/bin/env -S dotnet run
// Trains the d2l reference MLP (784-256-10, ReLU, SGD lr 0.1, batch 256) on Fashion-MNIST and saves it with its
// meaning, so `dendrite serve fashion-mlp.safetensors` can serve it. A complete .NET 10 file-based app: no project
// file, the package comes from the directive below.
//   dotnet run train.cs [EPOCHS [OUTPUT]]        (default 3 epochs, fashion-mlp.safetensors)
#:package Dendrite.Training@0.1.0

using System.Globalization;
using Dendrite.Data;
using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training;
using Dendrite.Training.Models;

int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
string output = args.Length > 1 ? args[1] : "fashion-mlp.safetensors";

// The Debian package dataset-fashion-mnist, the user cache, or a download into it.
FashionMnistData data = FashionMnist.Load(log: Console.WriteLine);
var rng = new Rng(0);
var net = new Sequential(new Flatten(), new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
LinearInit.Normal(0.01f).ApplyTo(net, rng);
var trainer = new Trainer(net, new Sgd(net.Parameters(), new SgdOptions(LearningRate: 0.1f)), new TrainerOptions(Epochs: epochs));
foreach (EpochResult epoch in trainer.Epochs(data.Train, data.Test, rng.Fork()))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch.Epoch}: train loss {epoch.TrainLoss:F4}, test accuracy {epoch.TestAccuracy:F4}"));

// The network plus what it means (classes, 28×28 images on the 0–255 scale), as `dendrite train` saves it.
var model = new TrainedModel(net, ModelInfo.Classifier(FashionMnist.ClassNames, ImageInput.FashionMnist), epochs);
model.Save(output);
Console.WriteLine($"saved {output}; try: dendrite summary {output}, or dendrite serve {output}");
