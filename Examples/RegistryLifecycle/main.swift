// Placeholder: the lifecycle example lands in the next commit.
import MLRegistry

print(RegistryTimestamp.now().iso8601)
