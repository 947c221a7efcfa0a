import { describe } from 'vitest';
import { CASES, ruleCases } from './cases.ts';

describe('custom TOML rules', () => ruleCases(CASES.customToml));
