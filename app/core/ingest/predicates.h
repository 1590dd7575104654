// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "util/result.h"

#include <QJsonObject>

namespace capaudit {

// Predicate parsers: the in-toto predicate objects that say what a bundle's data files are and what the provider
// claims (schemas in docs/formats.md). FILENAME names the statement in errors; fields are JSON pointers.
// Unknown keys are errors: a misspelt key must not silently become a default.
Result<TelemetryPredicate> parseTelemetryPredicate(const QJsonObject& predicate, const QString& fileName);
Result<BillingPredicate> parseBillingPredicate(const QJsonObject& predicate, const QString& fileName);
Result<InvoicePredicate> parseInvoicePredicate(const QJsonObject& predicate, const QString& fileName);
Result<AttestationClaims> parseAttestationPredicate(const QJsonObject& predicate, const QString& fileName);

// True for a relative bundle path without "..", "." or empty segments, backslashes or a leading '/'.
bool isSafeBundlePath(const QString& path);

} // namespace capaudit
