// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "crypto/publickey.h"
#include "evidence/verdict.h"
#include "util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace capaudit {

struct BundleFile {
    QString name; // relative to data/: "usage.csv" is stored as "data/usage.csv"
    QByteArray content;
};

struct BundleSpec {
    BundleKind kind = BundleKind::Telemetry;
    QJsonObject predicate; // "signedAt" is added when missing
    QList<BundleFile> files;
    crypto::PrivateKey key;
    QList<crypto::Certificate> chain; // signer first, then intermediates; empty = pinned-key signer
    QDateTime signedAt; // invalid: now
};

// Builds the statement, signs it as a DSSE envelope and writes the bundle to OUT: a directory, or an archive when OUT
// ends in .tar, .tar.gz, .tgz, .zip or .capbundle. Written atomically (temporary sibling, then rename).
Status writeBundle(const BundleSpec& spec, const QString& out);

// The in-toto statement bytes for SPEC (exposed for tests and the demo's tamper injection).
QByteArray buildStatement(const BundleSpec& spec);

} // namespace capaudit
