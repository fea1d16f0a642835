// Moved to src/shared so the SQL console's CSV export neutralises cells with the same rule.
export * from '../../../shared/csv-cell';
