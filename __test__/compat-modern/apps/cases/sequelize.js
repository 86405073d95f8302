// sequelize with the postgres dialect (pg, pure JS) and no connection: models and the SQL its
// query generator writes. The driver is handed over as dialectModule (sequelize's option for
// bundlers): sequelize itself loads it with require(moduleName), which no policy can foresee.
const { Sequelize, DataTypes, Op } = require('sequelize')
const sequelize = new Sequelize('postgres://u:p@127.0.0.1:1/db', { logging: false, dialectModule: require('pg') })
const User = sequelize.define('User', { name: { type: DataTypes.STRING, allowNull: false }, age: DataTypes.INTEGER }, { tableName: 'users' })
const Post = sequelize.define('Post', { title: DataTypes.STRING }, { tableName: 'posts' })
User.hasMany(Post)
Post.belongsTo(User)
const qg = sequelize.getQueryInterface().queryGenerator
console.log(qg.selectQuery('users', { attributes: ['id', 'name'], where: { age: { [Op.gt]: 18 }, name: { [Op.like]: 'A%' } }, order: [['name', 'DESC']], limit: 5 }, User))
console.log(qg.createTableQuery('users', sequelize.getQueryInterface().queryGenerator.attributesToSQL(User.getAttributes(), { table: 'users', context: 'createTable' }), {}))
const u = User.build({ name: 'Ann', age: 30 })
console.log(JSON.stringify(u.toJSON()), Object.keys(User.associations).join(), Object.keys(Post.rawAttributes).join())
u.validate().then(() => User.build({ age: 1 }).validate()).catch((e) => console.log(e.name, e.errors.map((x) => x.path).join()))
