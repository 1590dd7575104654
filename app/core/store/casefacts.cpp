// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/casefacts.h"

#include "crypto/digest.h"
#include "store/casestore.h"
#include "store/importrun.h"
#include "store/schemacheck.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QSet>

namespace capaudit {

namespace {

QString orNull(const sql::Statement& row, int column)
{
    return row.isNull(column) ? QStringLiteral("NULL") : row.text(column);
}

QString number(qint64 value)
{
    return value > 0 ? QString::number(value) : QStringLiteral("NULL");
}

// Top-level keys whose values differ between two JSON objects, for a message that says where to look.
QStringList differingKeys(const QJsonObject& a, const QJsonObject& b)
{
    QSet<QString> keys;
    for (auto it = a.begin(); it != a.end(); ++it)
        keys.insert(it.key());
    for (auto it = b.begin(); it != b.end(); ++it)
        keys.insert(it.key());
    QStringList out;
    for (const QString& key : keys)
        if (a.value(key) != b.value(key))
            out.append(key);
    out.sort();
    return out;
}

// DERIVED without the fields STORED lacks (recursively in objects): a field a newer CapAudit adds to verdicts is not
// required of a verdict an older one stored, while every field the stored verdict does have must match.
QJsonObject restrictedTo(const QJsonObject& derived, const QJsonObject& stored)
{
    QJsonObject out;
    for (auto it = derived.begin(); it != derived.end(); ++it) {
        if (!stored.contains(it.key()))
            continue;
        const QJsonValue mine = it.value();
        const QJsonValue theirs = stored.value(it.key());
        out.insert(it.key(),
            mine.isObject() && theirs.isObject() ? QJsonValue(restrictedTo(mine.toObject(), theirs.toObject())) : mine);
    }
    return out;
}

} // namespace

QDateTime reverificationTime(const StoredBundle& b)
{
    if (b.details.validationTime.isValid())
        return b.details.validationTime;
    if (b.details.signer.signingTime.isValid())
        return b.details.signer.signingTime;
    if (std::optional<QDateTime> imported = parseTimestamp(b.importedAt))
        return *imported;
    // A bundles row without a readable import time is reported elsewhere; judge it at the epoch rather than now,
    // so the result can never depend on the day verify-case runs.
    return QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
}

void compareBundleRow(
    sql::Database& db, const StoredBundle& b, const Verdict& fresh, const TrailEntry& imported, QList<CaseProblem>& out)
{
    auto problem = [&](const QString& column, const QString& message) {
        out.append({ QStringLiteral("bundle"), b.digest, QStringLiteral("bundles.") + column, message });
    };
    std::unique_ptr<sql::Statement> row = db.prepareOnce(QStringLiteral(
        "SELECT b.kind, p.name, b.meter, b.verdict, b.verdict_json, b.predicate_type, b.predicate_json, "
        "b.signer_subject, b.signer_fingerprint, b.signer_algorithm, b.signing_time, b.period_start, b.period_end, "
        "b.resolution, b.source_path, b.imported_at FROM bundles b LEFT JOIN providers p ON p.id = b.provider "
        "WHERE b.id = ?"));
    if (!row) {
        problem(QStringLiteral("*"), db.lastError().toString());
        return;
    }
    row->bind(1, b.id);
    if (!row->next()) {
        problem(QStringLiteral("*"), row->failed() ? row->error().toString() : QStringLiteral("row vanished"));
        return;
    }
    Result<ImportPlan> plan = planImport(fresh);
    if (!plan) {
        problem(QStringLiteral("predicate_json"),
            QStringLiteral("the stored statement's predicate does not parse: %1").arg(plan.error().toString()));
        return;
    }
    const QString signingTime =
        fresh.signer.signingTime.isValid() ? fresh.signer.signingTime.toUTC().toString(Qt::ISODateWithMs) : QString();
    const struct {
        const char* column;
        QString stored;
        QString derived;
    } facts[] = {
        { "kind", row->text(0), bundleKindName(fresh.kind) },
        { "provider", orNull(*row, 1), plan->provider },
        { "meter", row->text(2), plan->meter },
        { "verdict", row->text(3), verdictName(fresh.verdict) },
        { "predicate_type", row->text(5), fresh.predicateType },
        { "predicate_json", row->text(6), QString::fromUtf8(canonicalJson(fresh.predicate)) },
        { "signer_subject", row->text(7), fresh.signer.subject },
        { "signer_fingerprint", row->text(8), fresh.signer.keyFingerprint },
        { "signer_algorithm", row->text(9), fresh.signer.algorithm },
        { "signing_time", row->text(10), signingTime },
        { "period_start", orNull(*row, 11), number(plan->period.end > 0 ? plan->period.start : 0) },
        { "period_end", orNull(*row, 12), number(plan->period.end) },
        { "resolution", orNull(*row, 13), number(plan->resolution) },
        { "source_path", row->text(14), imported.details.value(QStringLiteral("path")).toString() },
        { "imported_at", row->text(15), imported.time },
    };
    for (const auto& f : facts) {
        if (f.stored != f.derived)
            problem(QString::fromLatin1(f.column),
                QStringLiteral("stored '%1', but the signed statement and the trail give '%2'")
                    .arg(f.stored.left(120), f.derived.left(120)));
    }

    // The whole stored verdict, as the fresh verification gives it at the same instant.
    Result<QJsonObject> storedJson = parseJsonObject(row->text(4).toUtf8(), QStringLiteral("verdict_json"));
    const QJsonObject stored = storedJson ? *storedJson : QJsonObject { { QStringLiteral("unreadable"), true } };
    QJsonObject derived = fresh.toJson();
    derived.insert(QStringLiteral("source"), row->text(14));
    // Each check's status is compared by the caller; its reason is explanatory text that depends on how the bundle
    // was read (an archive at import, a directory here) and on the wording of the CapAudit version that imported it.
    QJsonObject storedFacts = stored;
    storedFacts.remove(QStringLiteral("checks"));
    derived.remove(QStringLiteral("checks"));
    // Written by an earlier CapAudit (no validationTime, fewer signer fields): compare what it stored.
    derived = restrictedTo(derived, stored);
    if (canonicalJson(storedFacts) != canonicalJson(derived))
        problem(QStringLiteral("verdict_json"),
            QStringLiteral("the stored verdict differs from a fresh verification of the stored files in: %1")
                .arg(differingKeys(storedFacts, derived).join(QStringLiteral(", "))));

    // The chained import entry names the same facts.
    const struct {
        const char* key;
        QString derived;
    } recorded[] = {
        { "kind", bundleKindName(fresh.kind) },
        { "provider", plan->provider },
        { "verdict", verdictName(fresh.verdict) },
        { "signer", fresh.signer.subject },
        { "signerFingerprint", fresh.signer.keyFingerprint },
    };
    for (const auto& r : recorded) {
        const QString value = imported.details.value(QLatin1String(r.key)).toString();
        if (value != r.derived)
            out.append({ QStringLiteral("trail"), QStringLiteral("entry %1").arg(imported.seq), b.sourcePath,
                QStringLiteral("import entry records %1 '%2', the signed statement gives '%3'")
                    .arg(QLatin1String(r.key), value, r.derived) });
    }
}

void checkDocuments(sql::Database& db, const QHash<qint64, TrailEntry>& trail, QList<CaseProblem>& out)
{
    std::unique_ptr<sql::Statement> select = db.prepareOnce(
        QStringLiteral("SELECT id, kind, name, content, digest, trail_seq FROM case_documents ORDER BY id"));
    if (!select) {
        out.append({ QStringLiteral("document"), QStringLiteral("case_documents"), {}, db.lastError().toString() });
        return;
    }
    QSet<qint64> present;
    while (select->next()) {
        const QString kind = select->text(1);
        const QString name = select->text(2);
        const QByteArray content = select->text(3).toUtf8();
        const QString digest = select->text(4);
        const qint64 seq = select->int64(5);
        present.insert(seq);
        const QString subject = QStringLiteral("%1 '%2' (version %3)").arg(kind, name).arg(select->int64(0));
        auto problem = [&](const QString& message) {
            out.append({ QStringLiteral("document"), subject, {}, message });
        };
        if (crypto::sha256Hex(content) != digest)
            problem(QStringLiteral("content does not match its stored digest %1: the document was edited").arg(digest));
        Result<QJsonObject> parsed = parseJsonObject(content, QStringLiteral("case_documents"));
        if (!parsed || canonicalJson(*parsed) != content)
            problem(QStringLiteral("content is not the canonical JSON CapAudit stores"));
        const TrailEntry entry = trail.value(seq);
        if (entry.action != kind + QStringLiteral("-saved")
            || entry.details.value(QStringLiteral("kind")).toString() != kind
            || entry.details.value(QStringLiteral("name")).toString() != name
            || entry.details.value(QStringLiteral("digest")).toString() != digest)
            problem(
                QStringLiteral("trail entry %1 does not record saving this content (kind, name and digest)").arg(seq));
    }
    if (select->failed())
        out.append({ QStringLiteral("document"), QStringLiteral("case_documents"), {}, select->error().toString() });
    // The reverse: a version removed behind the app's back would silently bring an older policy back into force.
    for (auto it = trail.cbegin(); it != trail.cend(); ++it) {
        const QString kind = it->details.value(QStringLiteral("kind")).toString();
        if (it->action != kind + QStringLiteral("-saved") || present.contains(it.key()))
            continue;
        if (kind != u"policy" && kind != u"weights" && kind != u"scenario")
            continue;
        out.append({ QStringLiteral("document"),
            QStringLiteral("%1 '%2'").arg(kind, it->details.value(QStringLiteral("name")).toString()), {},
            QStringLiteral("trail entry %1 records saving it, but that version is no longer in the case")
                .arg(it.key()) });
    }
}

void checkSchema(sql::Database& db, QList<CaseProblem>& out)
{
    Result<QList<SchemaProblem>> problems = schema::check(db);
    if (!problems) {
        out.append({ QStringLiteral("schema"), QStringLiteral("sqlite_master"), {}, problems.error().toString() });
        return;
    }
    for (const SchemaProblem& p : *problems)
        out.append({ QStringLiteral("schema"), p.object, {}, p.message });
}

} // namespace capaudit
