namespace Dendrite.Nn.Configs;

/// <summary>A model description that is malformed, inconsistent, or beyond <see cref="ModelLimits"/>; the message says where.</summary>
public sealed class ModelConfigException : DendriteException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ModelConfigException() { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ModelConfigException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the error that caused it.</summary>
    public ModelConfigException(string message, Exception inner) : base(message, inner) { }
}
