#pragma once

#include "comments/TagService.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

namespace nps::ui {

// A rule: keyword, phrase or regular expression mapped to a tag. The preview
// (how many comments it would tag, and a few of them) follows what is typed;
// "Save and apply" is offered only once the preview shows the rule as it
// stands. Both run in the background.
class RuleDialog : public QDialog
{
    Q_OBJECT

public:
    RuleDialog(const QString &databasePath, const QVector<Tag> &tags, QWidget *parent = nullptr);
    void setPattern(const QString &pattern, RuleKind kind);
    void setTag(const QString &name);
    // What the preview says, and whether the rule can be applied now.
    QString previewText() const;
    bool canApply() const;

signals:
    // The rule was saved and applied: it tagged `ids` with `tagId`.
    void applied(qint64 tagId, const QVector<qint64> &ids);

private:
    void inputsChanged();
    void preview();
    void apply();
    qint64 tagId() const;
    RuleKind kind() const;

    QString m_path;
    QComboBox *m_tag = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_pattern = nullptr;
    QLabel *m_result = nullptr;
    QListWidget *m_samples = nullptr;
    QPushButton *m_apply = nullptr;
    QTimer *m_debounce = nullptr;
    int m_generation = 0; // answers to older previews are dropped
};

} // namespace nps::ui
