// Tests share the global buffer pool and backend, and kernels already use both cores: run test classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
