import { bucketFromHeader } from '../../src/sheet/buckets';

describe('bucket edges from headers (DOMAIN.md, "Bucket level")', () => {
  const cases: [string, boolean, number, number | null][] = [
    // header, notDue, from, to
    ['Non échu', true, 0, 0],
    ['NON ECHU', true, 0, 0],
    ['Non-échus', true, 0, 0],
    ['Not due', true, 0, 0],
    ['Current', true, 0, 0],
    ['À échoir', true, 0, 0],
    ['1-30', false, 1, 30],
    ['0-30 j', false, 0, 30],
    ['31-60', false, 31, 60],
    ['31 – 60 j', false, 31, 60],
    ['31 — 60 jours', false, 31, 60],
    ['61-90', false, 61, 90],
    ['61 - 90 days', false, 61, 90],
    ['91-120', false, 91, 120],
    ['De 31 à 60 jours', false, 31, 60],
    ['31 to 60 days', false, 31, 60],
    ['31j-60j', false, 31, 60],
    ['> 120', false, 121, null],
    ['>120 j', false, 121, null],
    ['+120', false, 121, null],
    ['+ 120 jours', false, 121, null],
    ['120+', false, 121, null],
    ['120+ days', false, 121, null],
    ['Plus de 120 jours', false, 121, null],
    ['plus de 90 j', false, 91, null],
    ['Over 120 days', false, 121, null],
    ['More than 90 days', false, 91, null],
    ['Au-delà de 120 jours', false, 121, null],
    ['≥ 121', false, 121, null],
    ['Échu 1-30 j', false, 1, 30],
    ['1-30 days overdue', false, 1, 30],
  ];
  test.each(cases)('%s → notDue %s, %s..%s', (header, notDue, from, to) => {
    expect(bucketFromHeader(header)).toEqual({ label: header.trim(), notDue, from, to });
  });

  test.each(['Total', 'Solde', '60-30', '2027', 'Date facture', '', '30/06/2027', '< 30 j'])(
    '%s is no bucket',
    (header) => {
      expect(bucketFromHeader(header)).toBeNull();
    },
  );
});
