import { createMemoryStorage } from "../../src/storage/memory/memory-storage.ts";
import { storageContract } from "./storage-contract.ts";

storageContract("memory", async () => createMemoryStorage());
