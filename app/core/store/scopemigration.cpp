// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/scopemigration.h"

#include "evidence/verdict.h"
#include "store/audittrail.h"
#include "store/schema.h"
#include "store/sqlitedb.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>

namespace capaudit::schema {

namespace {

struct AnchorRow {
    qint64 id = 0;
    QString kind, fileName, label, role, fingerprint;
    qint64 addedSeq = 0, removedSeq = 0;
    QSet<QString> providers;
    bool inForceAt(qint64 seq) const
    {
        return addedSeq < seq && (removedSeq == 0 || removedSeq > seq);
    }
};

Result<QList<AnchorRow>> readAnchors(sql::Database& db)
{
    sql::Statement* select =
        db.prepare("SELECT a.id, a.kind, a.file_name, a.label, a.role, a.fingerprint, a.added_seq, r.removed_seq "
                   "FROM trust_anchors a LEFT JOIN trust_anchor_removals r ON r.anchor = a.id ORDER BY a.id");
    if (!select)
        return db.lastError();
    QList<AnchorRow> out;
    while (select->next())
        out.append({ select->int64(0), select->text(1), select->text(2), select->text(3), select->text(4),
            select->text(5), select->int64(6), select->isNull(7) ? 0 : select->int64(7), {} });
    if (select->failed())
        return select->error();
    return out;
}

bool vouchedFor(const AnchorRow& a, const SignerInfo& signer, const QString& signerFingerprint, qint64 importSeq)
{
    if (!a.inForceAt(importSeq))
        return false;
    if (!signer.anchorFingerprint.isEmpty())
        return a.fingerprint == signer.anchorFingerprint;
    if (a.label != signer.anchorLabel || a.role != signer.anchorRole)
        return false;
    if (a.kind == u"pinned-key")
        return a.fingerprint == signerFingerprint;
    return a.kind == u"root-certificate";
}

Status assignProviders(sql::Database& db, QList<AnchorRow>& anchors)
{
    sql::Statement* select =
        db.prepare("SELECT p.name, b.signer_fingerprint, b.verdict_json, b.import_seq FROM bundles b "
                   "JOIN providers p ON p.id = b.provider WHERE b.verdict = 'verified' ORDER BY b.id");
    if (!select)
        return db.lastError();
    while (select->next()) {
        const Verdict v = Verdict::fromJson(QJsonDocument::fromJson(select->blobView(2).toByteArray()).object());
        for (AnchorRow& a : anchors)
            if (vouchedFor(a, v.signer, select->text(1), select->int64(3)))
                a.providers.insert(select->text(0));
    }
    if (select->failed())
        return select->error();
    return {};
}

} // namespace

Status inferAnchorScopes(sql::Database& db)
{
    Result<qint64> entries = db.queryInt("SELECT count(*) FROM audit_trail");
    if (!entries)
        return entries.error();
    Result<QList<AnchorRow>> anchors = readAnchors(db);
    if (!anchors)
        return anchors.error();
    if (*entries == 0 || anchors->isEmpty())
        return {};
    if (Status s = assignProviders(db, *anchors); !s)
        return s;

    // trust_anchors is append-only evidence; only this migration may fill the new column, so the trigger is lifted
    // for the length of the UPDATE and recreated with exactly the text migration 1 gave it.
    if (Status s = db.exec("DROP TRIGGER trust_anchors_no_update"); !s)
        return s;
    sql::Statement* update = db.prepare("UPDATE trust_anchors SET providers = ? WHERE id = ?");
    if (!update)
        return db.lastError();
    QJsonArray inferred;
    for (const AnchorRow& a : std::as_const(*anchors)) {
        QStringList providers(a.providers.begin(), a.providers.end());
        providers.sort();
        const QJsonArray list = QJsonArray::fromStringList(providers);
        update->bindText(1, QJsonDocument(list).toJson(QJsonDocument::Compact)).bind(2, a.id);
        if (Status s = update->exec(); !s)
            return s;
        update->reset();
        inferred.append(QJsonObject { { QStringLiteral("anchor"), a.id }, { QStringLiteral("file"), a.fileName },
            { QStringLiteral("label"), a.label }, { QStringLiteral("role"), a.role },
            { QStringLiteral("fingerprint"), a.fingerprint }, { QStringLiteral("providers"), list } });
    }
    if (Status s = db.exec(evidenceTrigger(QStringLiteral("trust_anchors"), QStringLiteral("UPDATE"))); !s)
        return s;
    const QJsonObject details { { QStringLiteral("schemaVersion"), 4 },
        { QStringLiteral("change"),
            QStringLiteral("trust anchors gained scopes; each existing anchor's scope was inferred from the providers "
                           "of the verified bundles imported under it") },
        { QStringLiteral("inferredScopes"), inferred } };
    Result<TrailEntry> entry = appendTrailEntry(db, QLatin1String(trail::kMigration), details);
    return entry ? Status() : Status(entry.error());
}

} // namespace capaudit::schema
