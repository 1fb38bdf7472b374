/** A person's name with their name in another script (other_name: प्रिया शर्मा beside Priya Sharma), as the desk and
 *  the client book show them, so staff see the match whichever script was typed. */

/** The API's longest name, in either script. */
export const MAX_NAME = 200;

/** "Priya Sharma · प्रिया शर्मा", or the name alone when they gave no other. */
export const withOtherName = (name, otherName) => (otherName ? `${name} · ${otherName}` : name);
