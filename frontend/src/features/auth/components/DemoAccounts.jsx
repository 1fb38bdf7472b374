/** The demo facilitator accounts, so a visitor can try the facilitator side at once. */
export const DEMO_FACILITATORS = [
  { username: "priya", password: "priya123", name: "Dr. Priya Sharma" },
  { username: "arjun", password: "arjun123", name: "Arjun Patel" },
  { username: "kavya", password: "kavya123", name: "Kavya Reddy" },
];

export function DemoAccounts() {
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">Demo facilitator accounts</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Password</th>
              <th scope="col">Name</th>
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
