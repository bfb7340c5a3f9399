"""E-mail notifications through the smtp provider's SmtpNotifier and the `smtp_default` connection.

Recipients come from the `alert_emails` Variable, rendered when the notification is sent. A
notifier that cannot send never fails the task: BaseNotifier logs the error, and Airflow's task
runner logs any exception a callback raises.
"""

from __future__ import annotations

from airflow.providers.smtp.notifications.smtp import SmtpNotifier

RECIPIENTS = "{{ var.value.get('alert_emails', 'data-platform@builditall.example') }}"
SENDER = "{{ var.value.get('alert_sender', 'airflow@builditall.example') }}"


def email(outcome: str) -> SmtpNotifier:
    return SmtpNotifier(
        smtp_conn_id="smtp_default",
        from_email=SENDER,
        to=RECIPIENTS,
        subject=f"[BuildItAll] {{{{ dag.dag_id }}}} {outcome}: {{{{ run_id }}}}",
        html_content=(
            f"<p>DAG <b>{{{{ dag.dag_id }}}}</b> {outcome}.</p>"
            "<p>Run {{ run_id }}, task {{ ti.task_id }}, try {{ ti.try_number }}.</p>"
        ),
    )
