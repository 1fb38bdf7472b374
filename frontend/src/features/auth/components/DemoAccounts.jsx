/** The demo facilitator accounts, so a visitor can try the facilitator side at once. */
import { useTranslation } from "react-i18next";

export const DEMO_FACILITATORS = [
  { username: "priya", password: "priya123", name: "Dr. Priya Sharma" },
  { username: "arjun", password: "arjun123", name: "Arjun Patel" },
  { username: "kavya", password: "kavya123", name: "Kavya Reddy" },
];

export function DemoAccounts() {
  const { t } = useTranslation("auth");
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">{t("demo.title")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("demo.username")}</th>
              <th scope="col">{t("demo.password")}</th>
              <th scope="col">{t("demo.name")}</th>
            </tr>
          </thead>
          <tbody>
            {DEMO_FACILITATORS.map((account) => (
              <tr key={account.username}>
                <td>
                  <code>{account.username}</code>
                </td>
                <td>
                  <code>{account.password}</code>
                </td>
                <td>{account.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
