package composio

type CredentialMap map[string]any

type SecretString struct{ v string }

type Holder struct{ Cred CredentialMap }

type Nested struct{ H *Holder }

type ByHand struct{ S SecretString }

func (ByHand) String() string { return "" }

type Plain struct{ N int }

type quiet struct{ S SecretString }
