namespace Erofs.Fuzz;

/// <summary>A harness check failed: the library returned something impossible without throwing.</summary>
internal sealed class FuzzInvariantException(string message) : Exception(message);
