package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;

/**
 * What fractional-sum GKR establishes: the sum of the leaf fractions is rootNumerator / rootDenominator
 * (and rootDenominator is the product of all leaf denominators), provided the leaves' numerator and
 * denominator extensions take the claimed values at the common point. The caller discharges both claims.
 */
public record FractionalSumClaims(Ext3 rootNumerator, Ext3 rootDenominator, EvaluationClaim leafNumerator,
                                  EvaluationClaim leafDenominator) {}
