// Common first names given to children in England and Wales (ONS baby-name lists,
// 2005–2024, most frequent). The names guard uses them to spot a child's name in free
// text. Words that are also ordinary English (May, Will, Grace, Hope…) are left out:
// they would flag too often, and the "baby X" / two-capitalised-words checks still apply.
const NAMES = `
oliver george harry noah jack leo arthur muhammad mohammed oscar charlie jacob thomas henry
freddie alfie theo theodore archie joshua james william isaac lucas ethan alexander logan
edward samuel joseph max daniel mason adam riley dylan finley benjamin luca tommy elijah
reggie ronnie albert hugo louie rory toby teddy jaxon jayden kai harrison sebastian
frederick arlo zachary jude carter michael david liam ryan tyler kyle callum connor kieran
bradley declan jamie lewis nathan aaron ben luke matthew owen reece rhys harvey stanley
ollie bobby louis elliot elliott ezra felix caleb grayson hunter jenson jensen kayden
olivia amelia isla ava mia ivy lily isabella sophia sophie rosie evie poppy ella emily
freya florence charlotte willow daisy evelyn sienna grace elsie phoebe ruby matilda
isabelle maya millie harper layla aria hannah emma chloe megan jessica lauren amy
bethany abigail zara maisie imogen erin scarlett alice esme eliza violet ellie lucy
ellie-mae lola mila luna nova thea ada orla aurora iris heidi elena eva jasmine
ayesha aisha fatima maryam zainab amira amara leah chelsea courtney shannon paige
kayleigh kelsey jade tia tegan keira kiera niamh caitlin katie molly holly libby
madison nevaeh skye summer-rose gracie-mae lacey-mae alfie-james tj jaylen jaylan
amelie darcie darcey harriet beatrice clara arabella penelope mabel edith martha
`;

export const COMMON_FIRST_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
