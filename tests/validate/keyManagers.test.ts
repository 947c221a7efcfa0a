import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('Key Manager rules', () => ruleCases(CASES.keyManagers));
