import { createMemoryStorage } from "../../src/storage/memory/memory-storage.ts";
import { caseRegisterContract } from "./case-register-contract.ts";
import { supervisionContract } from "./supervision-contract.ts";
import { scheduleContract } from "./schedule-contract.ts";
import { storageContract } from "./storage-contract.ts";

storageContract("memory", async () => createMemoryStorage());
scheduleContract("memory", async () => createMemoryStorage());
caseRegisterContract("memory", async () => createMemoryStorage());
supervisionContract("memory", async () => createMemoryStorage());
