#include "RuleDialog.h"

#include "common/BackgroundTask.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace nps::ui {

RuleDialog::RuleDialog(const QString &databasePath, const QVector<Tag> &tags, QWidget *parent)
    : QDialog(parent)
    , m_path(databasePath)
{
    setWindowTitle(QStringLiteral("Tagging rule"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_tag = new QComboBox;
    for (const Tag &t : tags)
        m_tag->addItem(t.name, t.id);
    m_kind = new QComboBox;
    m_kind->addItem(QStringLiteral("Keyword(s): words, prefix*, OR"), int(RuleKind::Keyword));
    m_kind->addItem(QStringLiteral("Exact phrase"), int(RuleKind::Phrase));
    m_kind->addItem(QStringLiteral("Regular expression"), int(RuleKind::Regex));
    m_pattern = new QLineEdit;
    m_pattern->setAccessibleName(QStringLiteral("Rule pattern"));
    m_tag->setAccessibleName(QStringLiteral("Rule tag"));
    m_kind->setAccessibleName(QStringLiteral("Rule kind"));
    form->addRow(QStringLiteral("Tag"), m_tag);
    form->addRow(QStringLiteral("Match"), m_kind);
    form->addRow(QStringLiteral("Pattern"), m_pattern);
    layout->addLayout(form);
    m_result = new QLabel(QStringLiteral("Type a pattern to see what the rule would tag."));
    m_result->setAccessibleName(QStringLiteral("Rule preview"));
    m_result->setWordWrap(true);
    layout->addWidget(m_result);
    m_samples = new QListWidget;
    m_samples->setWordWrap(true);
    layout->addWidget(m_samples, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *previewButton = buttons->addButton(QStringLiteral("Preview"), QDialogButtonBox::ActionRole);
    m_apply = buttons->addButton(QStringLiteral("Save and apply"), QDialogButtonBox::AcceptRole);
    m_apply->setEnabled(false);
    layout->addWidget(buttons);
    // The preview follows the typing, a moment after it stops.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, [this]() { preview(); });
    connect(m_pattern, &QLineEdit::textChanged, this, [this]() { inputsChanged(); });
    connect(m_tag, &QComboBox::currentIndexChanged, this, [this]() { inputsChanged(); });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this]() { inputsChanged(); });
    connect(previewButton, &QPushButton::clicked, this, [this]() {
        m_debounce->stop();
        preview();
    });
    connect(m_apply, &QPushButton::clicked, this, [this]() { apply(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 420);
}

void RuleDialog::setPattern(const QString &pattern, RuleKind kind)
{
    m_pattern->setText(pattern);
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void RuleDialog::setTag(const QString &name)
{
    const int i = m_tag->findText(name);
    if (i >= 0)
        m_tag->setCurrentIndex(i);
}

qint64 RuleDialog::tagId() const
{
    return m_tag->currentData().toLongLong();
}

RuleKind RuleDialog::kind() const
{
    return RuleKind(m_kind->currentData().toInt());
}

QString RuleDialog::previewText() const
{
    return m_result->text();
}

bool RuleDialog::canApply() const
{
    return m_apply->isEnabled();
}

void RuleDialog::inputsChanged()
{
    // What was previewed is no longer the rule that would be saved.
    ++m_generation;
    m_apply->setEnabled(false);
    m_debounce->start();
}

void RuleDialog::preview()
{
    const qint64 tag = tagId();
    const QString pattern = m_pattern->text();
    const RuleKind k = kind();
    const int generation = ++m_generation;
    m_apply->setEnabled(false);
    m_samples->clear();
    if (pattern.trimmed().isEmpty() || tag <= 0) {
        m_result->setText(tag <= 0 ? QStringLiteral("Create a tag first: a rule adds a tag.")
                                   : QStringLiteral("Type a pattern to see what the rule would tag."));
        return;
    }
    m_result->setText(QStringLiteral("Counting..."));
    runInBackground<RulePreview>(
        this, m_path, [tag, pattern, k](Database &db) { return TagService(db).preview(tag, pattern, k, 8); },
        [this, generation](const RulePreview &p) {
            if (generation != m_generation)
                return;
            m_result->setText(
                QStringLiteral("Matches %1 comments; applying would tag %2 that do not have the tag yet.")
                    .arg(p.matches)
                    .arg(p.newTags));
            for (const auto &s : p.samples)
                m_samples->addItem(QStringLiteral("#%1  %2").arg(s.first).arg(s.second));
            m_apply->setEnabled(true);
        },
        [this, generation](const QString &message) {
            if (generation == m_generation)
                m_result->setText(message);
        });
}

void RuleDialog::apply()
{
    const qint64 tag = tagId();
    const QString pattern = m_pattern->text();
    const RuleKind k = kind();
    if (tag <= 0 || !m_apply->isEnabled())
        return;
    ++m_generation;
    m_apply->setEnabled(false);
    m_result->setText(QStringLiteral("Applying..."));
    runInBackground<QVector<qint64>>(
        this, m_path,
        [tag, pattern, k](Database &db) {
            TagService s(db);
            QVector<qint64> ids;
            s.applyRule(s.addRule(tag, pattern, k), &ids);
            return ids;
        },
        [this, tag](const QVector<qint64> &ids) {
            emit applied(tag, ids);
            accept();
        },
        [this](const QString &message) {
            m_apply->setEnabled(true);
            m_result->setText(message);
        });
}

} // namespace nps::ui
