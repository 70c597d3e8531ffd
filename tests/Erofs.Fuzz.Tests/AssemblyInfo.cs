// Only one afl-fuzz at a time: the machine has two cores and each campaign wants one.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
