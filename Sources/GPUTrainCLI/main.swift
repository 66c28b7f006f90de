import GPUTrain
print(CPUBackend().name)
